/** The user's Workers KV namespace, where all user data lives in the Go program's schema; many-key reads in bulk. */
package dev.xanthus.core.kv;
