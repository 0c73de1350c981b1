package dev.xanthus.sandbox.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.SimJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixed part of the simulated project: locations, server types with per-location prices and availability, and
 * images ({@code catalog.json}; its facts and their sources are listed in {@code functions/sandbox/contracts/hetzner}).
 * There are no data centers: Hetzner removed them from the API in 2026.
 */
final class Catalog {

    private static final BigDecimal VAT = new BigDecimal("1.19");

    private final JsonNode root;

    private Catalog(JsonNode root) {
        this.root = root;
    }

    static Catalog load() {
        try (InputStream in = Catalog.class.getResourceAsStream("catalog.json")) {
            return new Catalog(SimJson.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Hetzner catalog", e);
        }
    }

    List<JsonNode> locations() {
        return list("locations");
    }

    List<JsonNode> serverTypes() {
        return list("server_types");
    }

    List<JsonNode> images() {
        return list("images");
    }

    /** By name or id, as Hetzner accepts either in a create request. */
    Optional<JsonNode> serverType(String nameOrId) {
        return byNameOrId(serverTypes(), nameOrId);
    }

    Optional<JsonNode> location(String nameOrId) {
        return byNameOrId(locations(), nameOrId);
    }

    /** An image by id, or by name for the server type's architecture. */
    Optional<JsonNode> image(String nameOrId, String architecture) {
        return images().stream()
                .filter(i -> i.path("id").asText().equals(nameOrId)
                        || (i.path("name").asText().equals(nameOrId)
                                && i.path("architecture").asText().equals(architecture)))
                .findFirst();
    }

    /** The type's {@code locations[]} entry for {@code location}: empty when the type is not sold there at all. */
    static Optional<JsonNode> offerIn(JsonNode serverType, String location) {
        for (JsonNode l : serverType.path("locations")) {
            if (l.path("name").asText().equals(location)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** {@code GET /pricing}: the server types' prices plus Hetzner's fixed items. */
    ObjectNode pricing() {
        ObjectNode pricing =
                SimJson.MAPPER.createObjectNode().put("currency", "EUR").put("vat_rate", "19.00");
        ArrayNode primaryIps = pricing.putArray("primary_ips");
        ArrayNode floatingIps = pricing.putArray("floating_ips");
        for (String type : List.of("ipv4", "ipv6")) {
            String monthly = type.equals("ipv4") ? "0.5000000000" : "0.0000000000";
            ObjectNode primary = primaryIps.addObject().put("type", type);
            ObjectNode floating = floatingIps.addObject().put("type", type);
            for (JsonNode location : locations()) {
                ObjectNode p = primary.withArray("prices")
                        .addObject()
                        .put("location", location.path("name").asText());
                amount(p.putObject("price_hourly"), type.equals("ipv4") ? "0.0008000000" : "0.0000000000");
                amount(p.putObject("price_monthly"), monthly);
                amount(
                        floating.withArray("prices")
                                .addObject()
                                .put("location", location.path("name").asText())
                                .putObject("price_monthly"),
                        "3.0000000000");
            }
        }
        amount(pricing.putObject("image").putObject("price_per_gb_month"), "0.0110000000");
        amount(pricing.putObject("volume").putObject("price_per_gb_month"), "0.0440000000");
        pricing.putObject("server_backup").put("percentage", "20.00");
        ArrayNode types = pricing.putArray("server_types");
        for (JsonNode type : serverTypes()) {
            types.addObject()
                    .put("id", type.path("id").asLong())
                    .put("name", type.path("name").asText())
                    .set("prices", type.path("prices").deepCopy());
        }
        pricing.putArray("load_balancer_types");
        amount(pricing.putObject("floating_ip").putObject("price_monthly"), "3.0000000000");
        return pricing;
    }

    private static void amount(ObjectNode node, String net) {
        node.put("net", net)
                .put(
                        "gross",
                        new BigDecimal(net)
                                .multiply(VAT)
                                .setScale(16, RoundingMode.HALF_UP)
                                .toPlainString());
    }

    private List<JsonNode> list(String key) {
        List<JsonNode> items = new ArrayList<>();
        root.path(key).forEach(items::add);
        return items;
    }

    private static Optional<JsonNode> byNameOrId(List<JsonNode> items, String nameOrId) {
        return items.stream()
                .filter(i -> i.path("name").asText().equals(nameOrId)
                        || i.path("id").asText().equals(nameOrId))
                .findFirst();
    }
}
