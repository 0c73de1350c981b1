package dev.xanthus.clients.hetzner;

import java.math.BigDecimal;

/** What a server type costs in one location; amounts are EUR, net and gross of VAT. */
public record Price(
        String location, Amount priceHourly, Amount priceMonthly, Long includedTraffic, Amount pricePerTbTraffic) {

    /** One amount; Hetzner sends decimal strings, kept exact. */
    public record Amount(BigDecimal net, BigDecimal gross) {}
}
