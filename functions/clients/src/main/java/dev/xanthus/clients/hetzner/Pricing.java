package dev.xanthus.clients.hetzner;

import java.util.List;

/** The project's price list: server types per location and primary IPs; amounts in {@code currency}. */
public record Pricing(
        String currency, String vatRate, List<ServerTypePrices> serverTypes, List<PrimaryIpPrices> primaryIps) {

    /** Prices of one server type. */
    public record ServerTypePrices(long id, String name, List<Price> prices) {}

    /** Prices of a primary IP type ({@code ipv4}, {@code ipv6}). */
    public record PrimaryIpPrices(String type, List<Price> prices) {}
}
