/** The account's own KV namespace and its Go-compatible certificate signing request. */
package dev.xanthus.core.account;
