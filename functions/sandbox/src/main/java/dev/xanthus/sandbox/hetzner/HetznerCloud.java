package dev.xanthus.sandbox.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.ssh.AuthorizedKeys;
import dev.xanthus.sandbox.ssh.SandboxServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The mutable state of the simulated project: servers (each backed by a sandbox server), their actions and SSH keys.
 * Status changes happen on a scheduler after the configured delays, as they do asynchronously at Hetzner.
 */
final class HetznerCloud {

    /** RFC 1123 hostname, as Hetzner requires for server names. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    /** "This field is limited to 32KiB." (spec, {@code POST /servers} body {@code user_data}; contracts fact 19). */
    static final int MAX_USER_DATA_BYTES = 32 * 1024;

    /** A server and where its life stands. */
    private static final class Machine {
        final long id;
        final String name;
        final Instant created;
        final JsonNode serverType;
        final JsonNode location;
        final JsonNode image;
        final Map<String, String> labels;
        final SandboxServer sandbox;
        String status;

        Machine(
                long id,
                String name,
                JsonNode serverType,
                JsonNode location,
                JsonNode image,
                Map<String, String> labels,
                SandboxServer sandbox) {
            this.id = id;
            this.name = name;
            this.created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            this.serverType = serverType;
            this.location = location;
            this.image = image;
            this.labels = labels;
            this.sandbox = sandbox;
            this.status = "initializing";
        }
    }

    private final Catalog catalog;
    private final SandboxServers sandboxes;
    private final HetznerSimulator.Timings timings;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, Machine> servers = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> actions = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> sshKeys = new LinkedHashMap<>();
    private long nextServerId = 115493226;
    private long nextActionId = 1;
    private long nextKeyId = 2323;

    HetznerCloud(
            Catalog catalog,
            SandboxServers sandboxes,
            HetznerSimulator.Timings timings,
            ScheduledExecutorService scheduler) {
        this.catalog = catalog;
        this.sandboxes = sandboxes;
        this.timings = timings;
        this.scheduler = scheduler;
    }

    synchronized List<JsonNode> servers(
            Predicate<Map<String, String>> labels, Optional<String> name, Optional<String> status) {
        return servers.values().stream()
                .filter(m -> labels.test(m.labels))
                .filter(m -> name.map(m.name::equals).orElse(true))
                .filter(m -> status.map(m.status::equals).orElse(true))
                .<JsonNode>map(this::json)
                .toList();
    }

    synchronized ObjectNode server(long id) {
        return json(machine(id));
    }

    synchronized Optional<SandboxServer> sandbox(long id) {
        return Optional.ofNullable(servers.get(id)).map(m -> m.sandbox);
    }

    /** {@code POST /servers}: validates like Hetzner, then boots a sandbox server in the background. */
    synchronized ObjectNode create(JsonNode request) {
        String name = requiredText(request, "name");
        if (!HOSTNAME.matcher(name).matches()) {
            throw HetznerError.invalidInput("name", "must be a valid hostname");
        }
        JsonNode type = catalog.serverType(requiredText(request, "server_type"))
                .orElseThrow(() -> HetznerError.invalidInput("server_type", "server type not found"));
        JsonNode location = locationFor(request, type);
        String architecture = type.path("architecture").asText();
        JsonNode image = catalog.image(requiredText(request, "image"), architecture)
                .orElseThrow(() -> HetznerError.invalidInput("image", "image not found"));
        // An image id picks one architecture; Hetzner refuses it on a type of the other one (answer quoted in the
        // README).
        if (!image.path("architecture").asText().equals(architecture)) {
            throw HetznerError.invalid("image", "image has incompatible architecture");
        }
        Map<String, String> labels = labels(request.path("labels"));
        List<String> keys = new ArrayList<>();
        for (JsonNode ref : request.path("ssh_keys")) {
            keys.add(sshKeys.values().stream()
                    .filter(k -> k.path("name").asText().equals(ref.asText())
                            || k.path("id").asText().equals(ref.asText()))
                    .findFirst()
                    .orElseThrow(() -> HetznerError.invalidInput("ssh_keys", "ssh key not found: " + ref.asText()))
                    .path("public_key")
                    .asText());
        }
        String userData = userData(request.path("user_data"));
        if (servers.values().stream().anyMatch(m -> m.name.equals(name))) {
            throw HetznerError.uniqueness("name", "server name is already used");
        }

        // off until the start action finishes; its cloud-init runs the user data at that first boot
        SandboxServer sandbox = sandboxes.provision(name, keys, List.of(SandboxServer.ROOT), userData);
        Machine machine = new Machine(nextServerId++, name, type, location, image, labels, sandbox);
        servers.put(machine.id, machine);
        boolean start = request.path("start_after_create").asBoolean(true);
        ObjectNode createAction = action("create_server", machine.id);
        ObjectNode response = SimJson.MAPPER.createObjectNode();
        ArrayNode next = response.putArray("next_actions");
        Duration booted = timings.boot();
        if (start) {
            ObjectNode startAction = action("start_server", machine.id);
            next.add(startAction);
            later(booted, machine, m -> m.status = "starting");
            later(booted.plus(timings.start()), machine, m -> {
                m.sandbox.powerOn();
                m.status = "running";
            });
            finish(startAction, booted.plus(timings.start()));
        } else {
            later(booted, machine, m -> m.status = "off");
        }
        finish(createAction, booted);
        response.set("server", json(machine));
        response.set("action", createAction);
        // Hetzner mails a root password only when no SSH key was given.
        response.put("root_password", keys.isEmpty() ? "sandbox-" + Long.toHexString(machine.id) : null);
        return response;
    }

    synchronized ObjectNode delete(long id) {
        Machine machine = machine(id);
        servers.remove(id);
        sandboxes.delete(machine.sandbox.ip());
        ObjectNode action = action("delete_server", id);
        finish(action, timings.action());
        return action;
    }

    /** poweron, poweroff, shutdown, reboot: the server changes state when the action finishes. */
    synchronized ObjectNode power(long id, String verb) {
        Machine machine = machine(id);
        Duration after = timings.action();
        ObjectNode action;
        switch (verb) {
            case "poweron" -> {
                action = action("start_server", id);
                machine.status = "starting";
                later(after, machine, m -> {
                    m.sandbox.powerOn();
                    m.status = "running";
                });
            }
            case "poweroff", "shutdown" -> {
                action = action(verb.equals("poweroff") ? "stop_server" : "shutdown_server", id);
                machine.status = "stopping";
                later(after, machine, m -> {
                    m.sandbox.powerOff();
                    m.status = "off";
                });
            }
            case "reboot" -> {
                action = action("reboot_server", id);
                later(after, machine, m -> m.sandbox.reboot());
            }
            default -> throw HetznerError.notFound("action");
        }
        finish(action, after);
        return action;
    }

    synchronized ObjectNode action(long id) {
        ObjectNode action = actions.get(id);
        if (action == null) {
            throw HetznerError.notFound("action");
        }
        return action.deepCopy();
    }

    /** {@code GET /actions?id=…}: the actions asked for; unknown ids are left out, as Hetzner does. */
    synchronized List<JsonNode> actions(List<Long> ids) {
        return ids.stream()
                .distinct()
                .map(actions::get)
                .filter(java.util.Objects::nonNull)
                .<JsonNode>map(ObjectNode::deepCopy)
                .toList();
    }

    synchronized List<JsonNode> serverActions(long serverId) {
        List<JsonNode> found = new ArrayList<>();
        for (ObjectNode action : actions.values()) {
            if (action.path("resources").get(0).path("id").asLong() == serverId) {
                found.add(action.deepCopy());
            }
        }
        if (found.isEmpty() && !servers.containsKey(serverId)) {
            throw HetznerError.notFound("server");
        }
        return found;
    }

    synchronized List<JsonNode> sshKeys(
            Predicate<Map<String, String>> labels, Optional<String> name, Optional<String> fingerprint) {
        return sshKeys.values().stream()
                .filter(k -> labels.test(labels(k.path("labels"))))
                .filter(k -> name.map(k.path("name").asText()::equals).orElse(true))
                .filter(k ->
                        fingerprint.map(k.path("fingerprint").asText()::equals).orElse(true))
                .map(k -> (JsonNode) k.deepCopy())
                .toList();
    }

    synchronized ObjectNode sshKey(long id) {
        return sshKeyById(id).deepCopy();
    }

    /** {@code PUT /ssh_keys/{id}}: a new name (still unique) and/or labels, which replace the old ones. */
    synchronized ObjectNode updateSshKey(long id, JsonNode request) {
        ObjectNode sshKey = sshKeyById(id);
        if (request.has("name")) {
            String name = requiredText(request, "name");
            if (sshKeys.values().stream()
                    .anyMatch(k -> k != sshKey && k.path("name").asText().equals(name))) {
                throw HetznerError.uniqueness("name", "SSH key with the same name already exists");
            }
            sshKey.put("name", name);
        }
        if (request.has("labels")) {
            sshKey.set("labels", SimJson.MAPPER.valueToTree(labels(request.path("labels"))));
        }
        return sshKey.deepCopy();
    }

    synchronized void deleteSshKey(long id) {
        sshKeys.remove(sshKeyById(id).path("id").asLong());
    }

    private ObjectNode sshKeyById(long id) {
        ObjectNode sshKey = sshKeys.get(id);
        if (sshKey == null) {
            throw HetznerError.notFound("ssh_key");
        }
        return sshKey;
    }

    synchronized ObjectNode createSshKey(JsonNode request) {
        String name = requiredText(request, "name");
        String line = requiredText(request, "public_key").trim();
        PublicKey key;
        try {
            key = AuthorizedKeys.parse(line);
        } catch (IllegalArgumentException e) {
            throw HetznerError.invalidInput("public_key", "invalid public key");
        }
        String fingerprint = AuthorizedKeys.md5Fingerprint(key);
        for (ObjectNode existing : sshKeys.values()) {
            if (existing.path("name").asText().equals(name)) {
                throw HetznerError.uniqueness("name", "SSH key with the same name already exists");
            }
            if (existing.path("fingerprint").asText().equals(fingerprint)) {
                throw HetznerError.uniqueness("public_key", "SSH key with the same fingerprint already exists");
            }
        }
        ObjectNode sshKey = SimJson.MAPPER
                .createObjectNode()
                .put("id", nextKeyId++)
                .put("name", name)
                .put("fingerprint", fingerprint)
                .put("public_key", line);
        sshKey.set("labels", SimJson.MAPPER.valueToTree(labels(request.path("labels"))));
        sshKey.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        sshKeys.put(sshKey.path("id").asLong(), sshKey);
        return sshKey.deepCopy();
    }

    /**
     * The location a create asks for ({@code location}; the type's first one when absent). {@code datacenter} was removed
     * from the API after 2026-07-01 and is refused, so a client still sending it fails here as it would at Hetzner. A
     * type not sold in the location is invalid input; one sold there but sold out ({@code available: false}) or past its
     * {@code deprecation.unavailable_after} is {@code 412 resource_unavailable} ("not available for order").
     */
    private JsonNode locationFor(JsonNode request, JsonNode type) {
        if (request.has("datacenter")) {
            throw HetznerError.invalidInput("datacenter", "this property was removed; use location");
        }
        JsonNode location = request.hasNonNull("location")
                ? catalog.location(request.path("location").asText())
                        .orElseThrow(() -> HetznerError.invalidInput("location", "location not found"))
                : catalog.location(type.path("locations").get(0).path("name").asText())
                        .orElseThrow();
        String name = location.path("name").asText();
        String typeName = type.path("name").asText();
        JsonNode offer = Catalog.offerIn(type, name)
                .orElseThrow(() -> HetznerError.invalidInput(
                        "server_type", "server type " + typeName + " is not supported in location " + name));
        JsonNode deprecation = offer.path("deprecation");
        if (deprecation.hasNonNull("unavailable_after")
                && Instant.parse(deprecation.path("unavailable_after").asText()).isBefore(Instant.now())) {
            throw HetznerError.resourceUnavailable(
                    "server type " + typeName + " is deprecated and no longer available in " + name);
        }
        if (!offer.path("available").asBoolean(true)) {
            throw HetznerError.resourceUnavailable(
                    "server type " + typeName + " is currently not available in " + name);
        }
        return location;
    }

    private Machine machine(long id) {
        Machine machine = servers.get(id);
        if (machine == null) {
            throw HetznerError.notFound("server");
        }
        return machine;
    }

    private ObjectNode action(String command, long serverId) {
        ObjectNode action = SimJson.MAPPER
                .createObjectNode()
                .put("id", nextActionId++)
                .put("command", command)
                .put("status", "running")
                .put("progress", 0)
                .put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .putNull("finished");
        action.putArray("resources").addObject().put("id", serverId).put("type", "server");
        action.putNull("error");
        actions.put(action.path("id").asLong(), action);
        return action.deepCopy();
    }

    private void finish(ObjectNode action, Duration after) {
        long id = action.path("id").asLong();
        schedule(after, () -> {
            synchronized (this) {
                actions.get(id)
                        .put("status", "success")
                        .put("progress", 100)
                        .put(
                                "finished",
                                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            }
        });
    }

    /** Changes a server later, unless it was deleted meanwhile. */
    private void later(Duration after, Machine machine, Consumer<Machine> change) {
        schedule(after, () -> {
            synchronized (this) {
                if (servers.get(machine.id) == machine) {
                    change.accept(machine);
                }
            }
        });
    }

    private void schedule(Duration after, Runnable step) {
        scheduler.schedule(step, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ObjectNode json(Machine m) {
        ObjectNode server = SimJson.MAPPER
                .createObjectNode()
                .put("id", m.id)
                .put("name", m.name)
                .put("status", m.status)
                .put("created", m.created.toString());
        ObjectNode publicNet = server.putObject("public_net");
        String ip = m.sandbox.ip();
        publicNet
                .putObject("ipv4")
                .put("id", m.id + 1)
                .put("ip", ip)
                .put("blocked", false)
                .put("dns_ptr", "static." + reversed(ip) + ".clients.your-server.de");
        publicNet
                .putObject("ipv6")
                .put("id", m.id + 2)
                .put("ip", "2001:db8:" + Long.toHexString(m.id % 0xffff) + "::/64")
                .put("blocked", false)
                .putArray("dns_ptr");
        publicNet.putArray("floating_ips");
        publicNet.putArray("firewalls");
        server.putArray("private_net");
        server.set("server_type", m.serverType.deepCopy());
        // No "datacenter": removed from server responses after 2026-07-01.
        server.set("location", m.location.deepCopy());
        server.set("image", m.image.deepCopy());
        server.putNull("iso");
        server.put("rescue_enabled", false).put("locked", false).putNull("backup_window");
        server.put("outgoing_traffic", 0).put("ingoing_traffic", 0).put("included_traffic", includedTraffic(m));
        server.putObject("protection").put("delete", false).put("rebuild", false);
        server.set("labels", SimJson.MAPPER.valueToTree(m.labels));
        server.putArray("volumes");
        server.putArray("load_balancers");
        server.put("primary_disk_size", m.serverType.path("disk").asInt());
        server.putNull("placement_group");
        return server;
    }

    /** {@code user_data}: a string of at most 32 KiB (counted in UTF-8 bytes, as it travels), or absent. */
    private static String userData(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw HetznerError.invalidInput("user_data", "Not a valid string.");
        }
        if (node.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_USER_DATA_BYTES) {
            throw HetznerError.invalidInput("user_data", "Longer than maximum length " + MAX_USER_DATA_BYTES + ".");
        }
        return node.asText();
    }

    private static long includedTraffic(Machine m) {
        String location = m.location.path("name").asText();
        for (JsonNode price : m.serverType.path("prices")) {
            if (price.path("location").asText().equals(location)) {
                return price.path("included_traffic").asLong();
            }
        }
        return 0;
    }

    private static String reversed(String ip) {
        List<String> parts = new ArrayList<>(List.of(ip.split("\\.")));
        Collections.reverse(parts);
        return String.join(".", parts);
    }

    private static String requiredText(JsonNode request, String field) {
        JsonNode value = request.path(field);
        if (!value.isTextual() && !value.isNumber()) {
            throw HetznerError.invalidInput(field, "Missing data for required field.");
        }
        if (value.asText().isBlank()) {
            throw HetznerError.invalidInput(field, "must not be empty");
        }
        return value.asText();
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return labels;
        }
        if (!node.isObject()) {
            throw HetznerError.invalidInput("labels", "must be an object");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw HetznerError.invalidInput("labels", "values must be strings");
            }
            labels.put(e.getKey(), e.getValue().asText());
        });
        return labels;
    }
}
