package dev.xanthus.core.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * A Xanthus server as the UI lists it: Hetzner's live state merged with its KV config. {@code status} is Hetzner's
 * ({@code running}, {@code off}, …) or {@code missing} when KV knows a server Hetzner no longer has.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerView(long id, String name, String status, String ipv4, String ipv6, String serverType,
    String location, String architecture, String createdAt, String timezone, BigDecimal hourlyRate,
    BigDecimal monthlyRate, BigDecimal costSoFar, int appCount, boolean configInKv) {}
