package dev.xanthus.clients.cloudflare;

import java.util.List;

/** The user's membership of an account ({@code status} is {@code accepted} once joined). */
public record Membership(String id, String status, Account account, List<String> roles) {}
