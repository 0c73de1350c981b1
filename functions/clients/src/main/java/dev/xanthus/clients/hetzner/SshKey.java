package dev.xanthus.clients.hetzner;

import java.time.Instant;
import java.util.Map;

/** A public key stored in the project; {@code fingerprint} is Hetzner's MD5 form ({@code b7:2f:…}). */
public record SshKey(
        long id, String name, String fingerprint, String publicKey, Map<String, String> labels, Instant created) {}
