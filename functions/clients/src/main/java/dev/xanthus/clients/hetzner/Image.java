package dev.xanthus.clients.hetzner;

import java.util.Map;

/** An OS image (system, app, snapshot or backup). */
public record Image(
        long id,
        String type,
        String status,
        String name,
        String description,
        String osFlavor,
        String osVersion,
        String architecture,
        Map<String, String> labels) {}
