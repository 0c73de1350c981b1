/** Sealing of secrets at rest (AES-256-GCM, KMS envelope in the cloud) and the Go program's ciphers for KV values. */
package dev.xanthus.core.crypto;
