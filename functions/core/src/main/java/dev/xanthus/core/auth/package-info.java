/** Sign-in with a Cloudflare token: verification, permission probes, the validation cache and ES256 session JWTs. */
package dev.xanthus.core.auth;
