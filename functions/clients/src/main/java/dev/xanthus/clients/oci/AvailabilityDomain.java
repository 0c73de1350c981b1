package dev.xanthus.clients.oci;

/** An availability domain; {@code name} (e.g. {@code Uocm:EU-FRANKFURT-1-AD-1}) is what launches take. */
public record AvailabilityDomain(String id, String name, String compartmentId) {}
