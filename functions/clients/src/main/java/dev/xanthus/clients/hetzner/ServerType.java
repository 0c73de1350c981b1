package dev.xanthus.clients.hetzner;

import java.util.List;

/** A server plan such as {@code cx22}, with its prices per location. */
public record ServerType(long id, String name, String description, double cores, double memory, double disk,
    boolean deprecated, List<Price> prices, String storageType, String cpuType, String architecture) {}
