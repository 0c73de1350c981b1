package dev.xanthus.core.auth;

import java.time.Duration;

/**
 * How a session's ES256 JWT is made and checked, and how long a session lives: the issuer (private key) and verifier
 * (public key, the relay's half too) of one key pair, always used together.
 */
public record SessionTokens(JwtIssuer issuer, JwtVerifier verifier, Duration ttl) {}
