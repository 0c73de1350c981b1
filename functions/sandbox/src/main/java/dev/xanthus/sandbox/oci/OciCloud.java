package dev.xanthus.sandbox.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.ssh.AuthorizedKeys;
import dev.xanthus.sandbox.ssh.SandboxServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The mutable state of the simulated region: instances (each backed by a sandbox server), their VNICs, and the
 * networking they need (VCNs with their default route table and security list, internet gateways, security lists,
 * subnets). Instance state changes happen on a scheduler after the configured delays, as at OCI; networking
 * resources are {@code AVAILABLE} at once. Deleted resources stay visible as {@code TERMINATED} for a while. Every
 * resource belongs to the tenancy of the key that created it; other tenancies get 404 NotAuthorizedOrNotFound.
 */
final class OciCloud {

    static final String AVAILABLE = "AVAILABLE";
    static final String TERMINATED = "TERMINATED";
    /** OCI's cap on all instance metadata together. */
    private static final int MAX_METADATA_BYTES = 32_000;

    /**
     * The resources kept as OCI's JSON (all but instances), in the order {@link #snapshot} lists them. Reading and
     * listing work alike for every kind; creating and deleting each have their own rules.
     */
    enum Kind {
        VNIC_ATTACHMENT("vnicAttachments", "vnic attachment"),
        VNIC("vnics", "vnic"),
        VCN("vcns", "vcn"),
        INTERNET_GATEWAY("internetGateways", "internet gateway"),
        ROUTE_TABLE("routeTables", "route table"),
        SECURITY_LIST("securityLists", "security list"),
        SUBNET("subnets", "subnet");

        /** The API's path for them, also their key in the snapshot. */
        final String collection;
        /** How OCI's 404 names one. */
        final String what;

        Kind(String collection, String what) {
            this.collection = collection;
            this.what = what;
        }
    }

    /** An instance and what stands behind it. */
    private static final class Instance {
        final ObjectNode json;
        final String tenancy;
        final OciCatalog.Shape shape;
        final String subnetId;
        final String vnicId;
        final String attachmentId;
        final SandboxServer sandbox;
        int generation;

        Instance(
                ObjectNode json,
                String tenancy,
                OciCatalog.Shape shape,
                String subnetId,
                String vnicId,
                String attachmentId,
                SandboxServer sandbox) {
            this.json = json;
            this.tenancy = tenancy;
            this.shape = shape;
            this.subnetId = subnetId;
            this.vnicId = vnicId;
            this.attachmentId = attachmentId;
            this.sandbox = sandbox;
        }

        String id() {
            return json.path("id").asText();
        }

        String state() {
            return json.path("lifecycleState").asText();
        }

        void state(String state) {
            json.put("lifecycleState", state);
        }
    }

    private final OciCatalog catalog;
    private final SandboxServers sandboxes;
    private final OciSimulator.Timings timings;
    private final OciSimulator.Limits limits;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<Kind, Map<String, ObjectNode>> resources = new EnumMap<>(Kind.class);
    private final Map<String, ObjectNode> vnicAttachments = kept(Kind.VNIC_ATTACHMENT);
    private final Map<String, ObjectNode> vnics = kept(Kind.VNIC);
    private final Map<String, ObjectNode> vcns = kept(Kind.VCN);
    private final Map<String, ObjectNode> internetGateways = kept(Kind.INTERNET_GATEWAY);
    private final Map<String, ObjectNode> routeTables = kept(Kind.ROUTE_TABLE);
    private final Map<String, ObjectNode> securityLists = kept(Kind.SECURITY_LIST);
    private final Map<String, ObjectNode> subnets = kept(Kind.SUBNET);
    private final Map<String, Instant> terminatedAt = new HashMap<>();
    private final Map<String, Long> nextPrivateHost = new HashMap<>();

    OciCloud(
            OciCatalog catalog,
            SandboxServers sandboxes,
            OciSimulator.Timings timings,
            OciSimulator.Limits limits,
            ScheduledExecutorService scheduler) {
        this.catalog = catalog;
        this.sandboxes = sandboxes;
        this.timings = timings;
        this.limits = limits;
        this.scheduler = scheduler;
    }

    // Instances

    synchronized ObjectNode launch(String tenancy, JsonNode request) {
        purge();
        String compartmentId = compartment(tenancy, text(request, "compartmentId"));
        String availabilityDomain = text(request, "availabilityDomain");
        if (!catalog.availabilityDomains().contains(availabilityDomain)) {
            throw OciError.invalid("Invalid availabilityDomain: " + availabilityDomain);
        }
        OciCatalog.Shape shape = catalog.shape(text(request, "shape"))
                .orElseThrow(() -> OciError.invalid(
                        "Invalid shape: " + request.path("shape").asText()));
        JsonNode source = request.path("sourceDetails");
        String imageId = source.isObject()
                ? source.path("imageId").asText(null)
                : request.path("imageId").asText(null);
        if (source.isObject() && !"image".equals(source.path("sourceType").asText())) {
            throw OciError.invalid("sourceDetails.sourceType must be image");
        }
        if (imageId == null) {
            throw OciError.missing("sourceDetails.imageId");
        }
        OciCatalog.Image image = catalog.image(imageId).orElseThrow(() -> OciError.notFound("image " + imageId));
        if (!image.architecture().equals(shape.architecture())) {
            throw OciError.invalid("Shape " + shape.name() + " is not compatible with image " + imageId);
        }
        JsonNode vnicDetails = request.path("createVnicDetails");
        String subnetId =
                vnicDetails.path("subnetId").asText(request.path("subnetId").asText(null));
        if (subnetId == null) {
            throw OciError.missing("createVnicDetails.subnetId");
        }
        ObjectNode subnet = visible(Kind.SUBNET, tenancy, subnetId);
        if (!AVAILABLE.equals(subnet.path("lifecycleState").asText())) {
            throw OciError.invalid("Subnet " + subnetId + " is not available");
        }
        if (!subnet.path("availabilityDomain").isNull()
                && !subnet.path("availabilityDomain").asText().equals(availabilityDomain)) {
            throw OciError.invalid("Subnet " + subnetId + " is not in availability domain " + availabilityDomain);
        }
        boolean prohibitPublicIp = subnet.path("prohibitPublicIpOnVnic").asBoolean();
        boolean assignPublicIp = vnicDetails.path("assignPublicIp").asBoolean(!prohibitPublicIp);
        if (assignPublicIp && prohibitPublicIp) {
            throw OciError.invalid("Cannot assign a public IP to a VNIC in a subnet that prohibits public IPs");
        }
        double[] config = shapeConfig(shape, request.path("shapeConfig"));
        Map<String, String> metadata = metadata(request.path("metadata"));
        List<String> keys = new ArrayList<>();
        for (String line : metadata.getOrDefault("ssh_authorized_keys", "").split("\n")) {
            if (!line.isBlank()) {
                try {
                    AuthorizedKeys.parse(line.trim());
                } catch (IllegalArgumentException e) {
                    throw OciError.invalid(
                            "metadata.ssh_authorized_keys holds a line that is not an OpenSSH public key");
                }
                keys.add(line.trim());
            }
        }
        checkLimits(tenancy, shape, config);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String displayName = request.path("displayName")
                .asText("instance-" + now.toString().replaceAll("[^0-9]", "").substring(0, 12));
        String hostname = vnicDetails.path("hostnameLabel").asText(hostnameOf(displayName));
        String id = OciIds.regional("instance", catalog.region());
        // cloud-init copies the keys to root as well when the user data says disable_root: false (as Xanthus's does)
        List<String> users =
                rootAllowed(metadata.get("user_data")) && !image.loginUser().equals(SandboxServer.ROOT)
                        ? List.of(image.loginUser(), SandboxServer.ROOT)
                        : List.of(image.loginUser());
        // off until RUNNING; its cloud-init runs the (base64-decoded) user data at that first boot
        SandboxServer sandbox = sandboxes.provision(hostname, keys, users, decodedUserData(metadata.get("user_data")));

        ObjectNode json = SimJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("compartmentId", compartmentId)
                .put("availabilityDomain", availabilityDomain)
                .put("faultDomain", request.path("faultDomain").asText("FAULT-DOMAIN-" + (1 + instances.size() % 3)))
                .put("displayName", displayName)
                .put("lifecycleState", "PROVISIONING")
                .put("region", catalog.region())
                .put("shape", shape.name())
                .put("timeCreated", timestamp(now))
                .put("imageId", imageId)
                .put("launchMode", "PARAVIRTUALIZED")
                .putNull("dedicatedVmHostId")
                .putNull("capacityReservationId");
        ObjectNode shapeConfig = json.putObject("shapeConfig")
                .put("ocpus", config[0])
                .put("memoryInGBs", config[1])
                .put(
                        "processorDescription",
                        shape.json().path("processorDescription").asText())
                .put(
                        "networkingBandwidthInGbps",
                        shape.flexible()
                                ? config[0]
                                        * shape.json()
                                                .path("networkingBandwidthInGbps")
                                                .asDouble()
                                : shape.json().path("networkingBandwidthInGbps").asDouble())
                .put(
                        "maxVnicAttachments",
                        shape.json().path("maxVnicAttachments").asInt())
                .put("gpus", 0)
                .put("localDisks", 0)
                .put("vcpus", (int) (config[0] * (shape.architecture().equals(OciCatalog.ARM) ? 1 : 2)));
        shapeConfig.putNull("baselineOcpuUtilization");
        json.putObject("sourceDetails")
                .put("sourceType", "image")
                .put("imageId", imageId)
                .put("bootVolumeSizeInGBs", source.path("bootVolumeSizeInGBs").asLong(47));
        json.set("metadata", SimJson.MAPPER.valueToTree(metadata));
        json.putObject("extendedMetadata");
        json.set("freeformTags", tags(request.path("freeformTags")));
        json.putObject("definedTags");
        json.putObject("systemTags");
        json.putObject("agentConfig").put("isMonitoringDisabled", false).put("isManagementDisabled", false);
        json.putObject("availabilityConfig").put("recoveryAction", "RESTORE_INSTANCE");

        String vnicId = OciIds.regional("vnic", catalog.region());
        ObjectNode vnic = SimJson.MAPPER
                .createObjectNode()
                .put("id", vnicId)
                .put("compartmentId", compartmentId)
                .put("availabilityDomain", availabilityDomain)
                .put("subnetId", subnetId)
                .put("displayName", displayName)
                .put("hostnameLabel", hostname)
                .put("privateIp", privateIp(subnet))
                .put("isPrimary", true)
                .put("macAddress", macAddress())
                .put("lifecycleState", "PROVISIONING")
                .put("skipSourceDestCheck", false)
                .put("timeCreated", timestamp(now));
        if (assignPublicIp) {
            vnic.put("publicIp", sandbox.ip());
        }
        vnic.putArray("nsgIds");
        vnic.putObject("freeformTags");
        vnic.putObject("definedTags");
        vnics.put(vnicId, vnic);
        String attachmentId = OciIds.regional("vnicattachment", catalog.region());
        ObjectNode attachment = SimJson.MAPPER
                .createObjectNode()
                .put("id", attachmentId)
                .put("compartmentId", compartmentId)
                .put("availabilityDomain", availabilityDomain)
                .put("instanceId", id)
                .put("subnetId", subnetId)
                .putNull("vnicId")
                .put("displayName", "vnicattachment" + displayName)
                .put("lifecycleState", "ATTACHING")
                .put("nicIndex", 0)
                .put("timeCreated", timestamp(now));
        vnicAttachments.put(attachmentId, attachment);

        Instance instance = new Instance(json, tenancy, shape, subnetId, vnicId, attachmentId, sandbox);
        instances.put(id, instance);
        later(timings.provision(), instance, i -> {
            vnicAttachments
                    .get(i.attachmentId)
                    .put("lifecycleState", "ATTACHED")
                    .put("vnicId", i.vnicId);
            vnics.get(i.vnicId).put("lifecycleState", AVAILABLE);
            i.sandbox.powerOn();
            i.state("RUNNING");
        });
        return json.deepCopy();
    }

    synchronized ObjectNode instance(String tenancy, String id) {
        purge();
        return visibleInstance(tenancy, id).json.deepCopy();
    }

    synchronized List<ObjectNode> instances(
            String tenancy,
            String compartmentId,
            Optional<String> availabilityDomain,
            Optional<String> displayName,
            Optional<String> lifecycleState) {
        purge();
        compartment(tenancy, compartmentId);
        return instances.values().stream()
                .filter(i -> i.tenancy.equals(tenancy))
                .filter(i -> availabilityDomain
                        .map(i.json.path("availabilityDomain").asText()::equals)
                        .orElse(true))
                .filter(i -> displayName
                        .map(i.json.path("displayName").asText()::equals)
                        .orElse(true))
                .filter(i -> lifecycleState.map(i.state()::equalsIgnoreCase).orElse(true))
                .sorted(Comparator.comparing(
                                (Instance i) -> i.json.path("timeCreated").asText())
                        .reversed())
                .map(i -> i.json.deepCopy())
                .toList();
    }

    /** {@code POST /instances/{id}?action=…}: answers the instance already in its transitional state. */
    synchronized ObjectNode action(String tenancy, String id, String action) {
        purge();
        Instance instance = visibleInstance(tenancy, id);
        String state = instance.state();
        Duration step = timings.transition();
        switch (action == null ? "" : action.toUpperCase(Locale.ROOT)) {
            case "START" -> {
                requireState(instance, action, "STOPPED");
                instance.state("STARTING");
                later(step, instance, i -> power(i, true, "RUNNING"));
            }
            case "STOP", "SOFTSTOP" -> {
                requireState(instance, action, "RUNNING");
                instance.state("STOPPING");
                later(step, instance, i -> power(i, false, "STOPPED"));
            }
            case "RESET", "SOFTRESET" -> {
                requireState(instance, action, "RUNNING");
                instance.state("STOPPING");
                later(step, instance, i -> {
                    power(i, false, "STARTING");
                    later(step, i, j -> power(j, true, "RUNNING"));
                });
            }
            default -> throw OciError.invalid("Invalid action: " + action + " (state " + state + ")");
        }
        return instance.json.deepCopy();
    }

    /** One step of a power action: the sandbox server goes on or off, and the instance shows {@code state}. */
    private static void power(Instance instance, boolean on, String state) {
        if (on) {
            instance.sandbox.powerOn();
        } else {
            instance.sandbox.powerOff();
        }
        instance.state(state);
    }

    synchronized void terminate(String tenancy, String id, Optional<String> ifMatch) {
        purge();
        Instance instance = visibleInstance(tenancy, id);
        checkEtag(instance.json, ifMatch);
        if (instance.state().equals("TERMINATING") || instance.state().equals(TERMINATED)) {
            return;
        }
        instance.state("TERMINATING");
        instance.generation++;
        sandboxes.delete(instance.sandbox.ip());
        vnicAttachments.get(instance.attachmentId).put("lifecycleState", "DETACHING");
        later(timings.terminate(), instance, i -> {
            i.state(TERMINATED);
            terminatedAt.put(i.id(), Instant.now());
            vnicAttachments.get(i.attachmentId).put("lifecycleState", "DETACHED");
            terminatedAt.put(i.attachmentId, Instant.now());
            vnics.get(i.vnicId).put("lifecycleState", TERMINATED);
            terminatedAt.put(i.vnicId, Instant.now());
        });
    }

    synchronized List<ObjectNode> vnicAttachments(
            String tenancy, String compartmentId, Optional<String> instanceId, Optional<String> vnicId) {
        purge();
        compartment(tenancy, compartmentId);
        return vnicAttachments.values().stream()
                .filter(a -> a.path("compartmentId").asText().equals(compartmentId))
                .filter(a ->
                        instanceId.map(a.path("instanceId").asText()::equals).orElse(true))
                .filter(a -> vnicId.map(a.path("vnicId").asText()::equals).orElse(true))
                .map(ObjectNode::deepCopy)
                .toList();
    }

    /** The sandbox server behind an instance, while it is not terminating. */
    synchronized Optional<SandboxServer> sandbox(String instanceId) {
        Instance instance = instances.get(instanceId);
        return instance == null || instance.state().startsWith("TERMINAT")
                ? Optional.empty()
                : Optional.of(instance.sandbox);
    }

    /**
     * Where {@code publicIp:port} reaches from this machine, if OCI's network would let the connection through: the
     * instance is running, its subnet routes {@code 0.0.0.0/0} to an enabled internet gateway, and one of the subnet's
     * security lists lets TCP to the port in from anywhere.
     */
    synchronized Optional<InetSocketAddress> reachable(String publicIp, int port) {
        for (Instance instance : instances.values()) {
            ObjectNode vnic = vnics.get(instance.vnicId);
            if (!publicIp.equals(vnic.path("publicIp").asText(null))
                    || !instance.state().equals("RUNNING")) {
                continue;
            }
            ObjectNode subnet = subnets.get(instance.subnetId);
            if (subnet == null || !routesToInternet(subnet) || !admits(subnet, port)) {
                return Optional.empty();
            }
            return Optional.of(instance.sandbox.sshAddress());
        }
        return Optional.empty();
    }

    // Networking

    /** The caller's resources of a kind in its compartment, only those in {@code vcnId} when one is given. */
    synchronized List<ObjectNode> list(Kind kind, String tenancy, String compartmentId, Optional<String> vcnId) {
        purge();
        compartment(tenancy, compartmentId);
        return resources.get(kind).values().stream()
                .filter(r -> r.path("compartmentId").asText().equals(compartmentId))
                .filter(r -> vcnId.map(r.path("vcnId").asText()::equals).orElse(true))
                .map(ObjectNode::deepCopy)
                .toList();
    }

    synchronized ObjectNode get(Kind kind, String tenancy, String id) {
        purge();
        return visible(kind, tenancy, id).deepCopy();
    }

    synchronized ObjectNode createVcn(String tenancy, JsonNode request) {
        purge();
        String compartmentId = compartment(tenancy, text(request, "compartmentId"));
        String cidrText = request.path("cidrBlock").asText(null);
        if (cidrText == null
                && request.path("cidrBlocks").isArray()
                && !request.path("cidrBlocks").isEmpty()) {
            cidrText = request.path("cidrBlocks").get(0).asText();
        }
        if (cidrText == null) {
            throw OciError.missing("cidrBlock");
        }
        Cidr cidr = Cidr.parse(cidrText, "cidrBlock");
        if (cidr.prefix() < 16 || cidr.prefix() > 30) {
            throw OciError.invalid("cidrBlock must be between /16 and /30");
        }
        // every check before the first resource is stored: a refused create leaves nothing behind
        JsonNode tags = tags(request.path("freeformTags"));
        String now = now();
        String id = OciIds.regional("vcn", catalog.region());
        String displayName = displayName(request, "vcn", now);
        String routeTableId = OciIds.regional("routetable", catalog.region());
        ObjectNode routeTable = SimJson.MAPPER
                .createObjectNode()
                .put("id", routeTableId)
                .put("compartmentId", compartmentId)
                .put("vcnId", id)
                .put("displayName", "Default Route Table for " + displayName)
                .put("lifecycleState", AVAILABLE)
                .put("timeCreated", now);
        routeTable.putArray("routeRules");
        add(Kind.ROUTE_TABLE, routeTable, SimJson.MAPPER.createObjectNode());
        String securityListId = OciIds.regional("securitylist", catalog.region());
        add(
                Kind.SECURITY_LIST,
                securityListJson(
                        securityListId,
                        compartmentId,
                        id,
                        "Default Security List for " + displayName,
                        defaultIngress(cidrText),
                        defaultEgress(),
                        now),
                SimJson.MAPPER.createObjectNode());
        ObjectNode vcn = SimJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("compartmentId", compartmentId)
                .put("displayName", displayName)
                .put("cidrBlock", cidrText)
                .put("defaultRouteTableId", routeTableId)
                .put("defaultSecurityListId", securityListId)
                .put("defaultDhcpOptionsId", OciIds.regional("dhcpoptions", catalog.region()))
                .put("lifecycleState", AVAILABLE)
                .put("timeCreated", now)
                .put(
                        "vcnDomainName",
                        request.hasNonNull("dnsLabel")
                                ? request.path("dnsLabel").asText() + ".oraclevcn.com"
                                : null);
        vcn.putArray("cidrBlocks").add(cidrText);
        vcn.putArray("ipv6CidrBlocks");
        if (request.hasNonNull("dnsLabel")) {
            vcn.put("dnsLabel", request.path("dnsLabel").asText());
        } else {
            vcn.putNull("dnsLabel");
        }
        return add(Kind.VCN, vcn, tags);
    }

    /** Its default route table and security list go with it; anything else in it must be deleted first. */
    synchronized void deleteVcn(String tenancy, String id, Optional<String> ifMatch) {
        delete(Kind.VCN, tenancy, id, ifMatch, vcn -> {
            for (ObjectNode subnet : live(subnets, id)) {
                throw references("Vcn", id, "Subnet", subnet.path("id").asText());
            }
            for (ObjectNode gateway : live(internetGateways, id)) {
                throw references(
                        "Vcn", id, "InternetGateway", gateway.path("id").asText());
            }
            for (ObjectNode list : live(securityLists, id)) {
                if (!list.path("id")
                        .asText()
                        .equals(vcn.path("defaultSecurityListId").asText())) {
                    throw references("Vcn", id, "SecurityList", list.path("id").asText());
                }
            }
            terminate(routeTables.get(vcn.path("defaultRouteTableId").asText()));
            terminate(securityLists.get(vcn.path("defaultSecurityListId").asText()));
        });
    }

    synchronized ObjectNode createInternetGateway(String tenancy, JsonNode request) {
        purge();
        String compartmentId = compartment(tenancy, text(request, "compartmentId"));
        String vcnId = text(request, "vcnId");
        ObjectNode vcn = liveVcn(tenancy, vcnId);
        if (!live(internetGateways, vcnId).isEmpty()) {
            throw OciError.conflict("Vcn " + vcnId + " already has an internet gateway; a VCN can have only one.");
        }
        String now = now();
        String id = OciIds.regional("internetgateway", catalog.region());
        ObjectNode gateway = SimJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("compartmentId", compartmentId)
                .put("vcnId", vcn.path("id").asText())
                .put("displayName", displayName(request, "ig", now))
                .put("isEnabled", request.path("isEnabled").asBoolean(true))
                .put("lifecycleState", AVAILABLE)
                .put("timeCreated", now)
                .putNull("routeTableId");
        return add(Kind.INTERNET_GATEWAY, gateway, tags(request.path("freeformTags")));
    }

    synchronized void deleteInternetGateway(String tenancy, String id, Optional<String> ifMatch) {
        delete(Kind.INTERNET_GATEWAY, tenancy, id, ifMatch, gateway -> {
            for (ObjectNode table : routeTables.values()) {
                if (isTerminated(table)) {
                    continue;
                }
                for (JsonNode rule : table.path("routeRules")) {
                    if (rule.path("networkEntityId").asText().equals(id)) {
                        throw references(
                                "InternetGateway",
                                id,
                                "RouteTable",
                                table.path("id").asText());
                    }
                }
            }
        });
    }

    /** A live resource an update may change: visible to the tenancy, If-Match honoured, not terminated. */
    private ObjectNode editable(Kind kind, String tenancy, String id, Optional<String> ifMatch, String what) {
        purge();
        ObjectNode resource = visible(kind, tenancy, id);
        checkEtag(resource, ifMatch);
        if (isTerminated(resource)) {
            throw OciError.incorrectState(what + " " + id + " is terminated");
        }
        return resource;
    }

    /** {@code PUT /routeTables/{id}}: replaces the rules; each target must be a live gateway of the same VCN. */
    synchronized ObjectNode updateRouteTable(String tenancy, String id, JsonNode request, Optional<String> ifMatch) {
        ObjectNode table = editable(Kind.ROUTE_TABLE, tenancy, id, ifMatch, "Route table");
        if (request.has("routeRules")) {
            ArrayNode rules = SimJson.MAPPER.createArrayNode();
            for (JsonNode rule : request.path("routeRules")) {
                String destination =
                        rule.path("destination").asText(rule.path("cidrBlock").asText(null));
                if (destination == null) {
                    throw OciError.missing("routeRules.destination");
                }
                String type = rule.path("destinationType").asText("CIDR_BLOCK");
                if (!type.equals("CIDR_BLOCK") && !type.equals("SERVICE_CIDR_BLOCK")) {
                    throw OciError.invalid("routeRules.destinationType must be CIDR_BLOCK or SERVICE_CIDR_BLOCK");
                }
                if (type.equals("CIDR_BLOCK")) {
                    Cidr.parse(destination, "routeRules.destination");
                }
                String target = rule.path("networkEntityId").asText(null);
                ObjectNode gateway = target == null ? null : internetGateways.get(target);
                if (gateway == null
                        || isTerminated(gateway)
                        || !gateway.path("vcnId")
                                .asText()
                                .equals(table.path("vcnId").asText())) {
                    throw OciError.invalid(
                            "routeRules.networkEntityId " + target + " is not a gateway of the route table's VCN");
                }
                ObjectNode stored = rules.addObject()
                        .put("destination", destination)
                        .put("destinationType", type)
                        .put("networkEntityId", target)
                        .put("cidrBlock", destination)
                        .put("routeType", "STATIC");
                if (rule.hasNonNull("description")) {
                    stored.put("description", rule.path("description").asText());
                }
            }
            table.set("routeRules", rules);
        }
        if (request.hasNonNull("displayName")) {
            table.put("displayName", request.path("displayName").asText());
        }
        if (request.path("freeformTags").isObject()) {
            table.set("freeformTags", tags(request.path("freeformTags")));
        }
        return table.deepCopy();
    }

    synchronized ObjectNode createSecurityList(String tenancy, JsonNode request) {
        purge();
        String compartmentId = compartment(tenancy, text(request, "compartmentId"));
        String vcnId = text(request, "vcnId");
        liveVcn(tenancy, vcnId);
        ArrayNode ingress = SimJson.MAPPER.createArrayNode();
        for (JsonNode rule : required(request, "ingressSecurityRules")) {
            ingress.add(securityRule(rule, "source"));
        }
        ArrayNode egress = SimJson.MAPPER.createArrayNode();
        for (JsonNode rule : required(request, "egressSecurityRules")) {
            egress.add(securityRule(rule, "destination"));
        }
        String now = now();
        String id = OciIds.regional("securitylist", catalog.region());
        return add(
                Kind.SECURITY_LIST,
                securityListJson(id, compartmentId, vcnId, displayName(request, "seclist", now), ingress, egress, now),
                tags(request.path("freeformTags")));
    }

    /**
     * {@code PUT /securityLists/{id}}: each rule list given replaces the old one whole (OCI has no partial rule
     * update), as do {@code displayName} and {@code freeformTags}; what is left out stays.
     */
    synchronized ObjectNode updateSecurityList(String tenancy, String id, JsonNode request, Optional<String> ifMatch) {
        ObjectNode list = editable(Kind.SECURITY_LIST, tenancy, id, ifMatch, "Security list");
        // every rule checked before anything changes: a refused update leaves the list as it was
        ArrayNode ingress = null;
        if (request.hasNonNull("ingressSecurityRules")) {
            ingress = SimJson.MAPPER.createArrayNode();
            for (JsonNode rule : required(request, "ingressSecurityRules")) {
                ingress.add(securityRule(rule, "source"));
            }
        }
        ArrayNode egress = null;
        if (request.hasNonNull("egressSecurityRules")) {
            egress = SimJson.MAPPER.createArrayNode();
            for (JsonNode rule : required(request, "egressSecurityRules")) {
                egress.add(securityRule(rule, "destination"));
            }
        }
        JsonNode tags = request.path("freeformTags").isObject() ? tags(request.path("freeformTags")) : null;
        if (ingress != null) {
            list.set("ingressSecurityRules", ingress);
        }
        if (egress != null) {
            list.set("egressSecurityRules", egress);
        }
        if (request.hasNonNull("displayName")) {
            list.put("displayName", request.path("displayName").asText());
        }
        if (tags != null) {
            list.set("freeformTags", tags);
        }
        return list.deepCopy();
    }

    synchronized void deleteSecurityList(String tenancy, String id, Optional<String> ifMatch) {
        delete(Kind.SECURITY_LIST, tenancy, id, ifMatch, list -> {
            ObjectNode vcn = vcns.get(list.path("vcnId").asText());
            if (vcn != null && vcn.path("defaultSecurityListId").asText().equals(id)) {
                throw OciError.conflict("The default security list of a VCN cannot be deleted; it goes with the VCN.");
            }
            for (ObjectNode subnet : subnets.values()) {
                if (!isTerminated(subnet)) {
                    for (JsonNode listId : subnet.path("securityListIds")) {
                        if (listId.asText().equals(id)) {
                            throw references(
                                    "SecurityList",
                                    id,
                                    "Subnet",
                                    subnet.path("id").asText());
                        }
                    }
                }
            }
        });
    }

    synchronized ObjectNode createSubnet(String tenancy, JsonNode request) {
        purge();
        String compartmentId = compartment(tenancy, text(request, "compartmentId"));
        String vcnId = text(request, "vcnId");
        ObjectNode vcn = liveVcn(tenancy, vcnId);
        String cidrText = text(request, "cidrBlock");
        Cidr cidr = Cidr.parse(cidrText, "cidrBlock");
        if (!Cidr.parse(vcn.path("cidrBlock").asText(), "cidrBlock").contains(cidr)) {
            throw OciError.invalid("The subnet's CIDR block " + cidrText + " is not within the VCN's "
                    + vcn.path("cidrBlock").asText());
        }
        if (cidr.prefix() > 30) {
            throw OciError.invalid("cidrBlock must be /30 or larger");
        }
        for (ObjectNode other : live(subnets, vcnId)) {
            if (Cidr.parse(other.path("cidrBlock").asText(), "cidrBlock").overlaps(cidr)) {
                throw OciError.invalid("The subnet's CIDR block " + cidrText + " overlaps with subnet "
                        + other.path("id").asText());
            }
        }
        String routeTableId = request.path("routeTableId")
                .asText(vcn.path("defaultRouteTableId").asText());
        ObjectNode routeTable = routeTables.get(routeTableId);
        if (routeTable == null
                || isTerminated(routeTable)
                || !routeTable.path("vcnId").asText().equals(vcnId)) {
            throw OciError.invalid("routeTableId " + routeTableId + " is not a route table of VCN " + vcnId);
        }
        ArrayNode listIds = SimJson.MAPPER.createArrayNode();
        if (request.path("securityListIds").isArray()) {
            for (JsonNode listId : request.path("securityListIds")) {
                ObjectNode list = securityLists.get(listId.asText());
                if (list == null
                        || isTerminated(list)
                        || !list.path("vcnId").asText().equals(vcnId)) {
                    throw OciError.invalid(
                            "securityListIds: " + listId.asText() + " is not a security list of VCN " + vcnId);
                }
                listIds.add(listId.asText());
            }
            if (listIds.size() > 5) {
                throw OciError.invalid("a subnet can have at most 5 security lists");
            }
        } else {
            listIds.add(vcn.path("defaultSecurityListId").asText());
        }
        String availabilityDomain = request.path("availabilityDomain").asText(null);
        if (availabilityDomain != null && !catalog.availabilityDomains().contains(availabilityDomain)) {
            throw OciError.invalid("Invalid availabilityDomain: " + availabilityDomain);
        }
        String now = now();
        String id = OciIds.regional("subnet", catalog.region());
        ObjectNode subnet = SimJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("compartmentId", compartmentId)
                .put("vcnId", vcnId)
                .put("availabilityDomain", availabilityDomain)
                .put("displayName", displayName(request, "subnet", now))
                .put("cidrBlock", cidrText)
                .put("routeTableId", routeTableId)
                .put(
                        "dhcpOptionsId",
                        request.path("dhcpOptionsId")
                                .asText(vcn.path("defaultDhcpOptionsId").asText()))
                .put(
                        "prohibitPublicIpOnVnic",
                        request.path("prohibitPublicIpOnVnic").asBoolean(false))
                .put(
                        "prohibitInternetIngress",
                        request.path("prohibitPublicIpOnVnic").asBoolean(false))
                .put("virtualRouterIp", cidr.address(1))
                .put("virtualRouterMac", "00:00:17:B6:4D:DD")
                .put("lifecycleState", AVAILABLE)
                .put("timeCreated", now);
        subnet.set("securityListIds", listIds);
        if (request.hasNonNull("dnsLabel")) {
            subnet.put("dnsLabel", request.path("dnsLabel").asText());
        }
        return add(Kind.SUBNET, subnet, tags(request.path("freeformTags")));
    }

    synchronized void deleteSubnet(String tenancy, String id, Optional<String> ifMatch) {
        delete(Kind.SUBNET, tenancy, id, ifMatch, subnet -> {
            for (Instance instance : instances.values()) {
                if (instance.subnetId.equals(id) && !instance.state().equals(TERMINATED)) {
                    throw references("Subnet", id, "Vnic", instance.vnicId);
                }
            }
        });
    }

    /** Every resource, by kind, terminated ones included: for tests and the admin endpoint. */
    synchronized ObjectNode snapshot() {
        purge();
        ObjectNode all = SimJson.MAPPER.createObjectNode();
        ArrayNode instanceArray = all.putArray("instances");
        instances.values().forEach(i -> instanceArray.add(i.json.deepCopy()));
        resources.forEach((kind, kept) -> {
            ArrayNode array = all.putArray(kind.collection);
            kept.values().forEach(r -> array.add(r.deepCopy()));
        });
        return all;
    }

    /** Forgets every resource (sandbox servers included). */
    synchronized void reset() {
        instances.values().forEach(i -> sandboxes.delete(i.sandbox.ip()));
        instances.values().forEach(i -> i.generation++);
        instances.clear();
        resources.values().forEach(Map::clear);
        terminatedAt.clear();
    }

    /** An ETag for a resource's current state. */
    static String etag(JsonNode resource) {
        return OciCatalog.sha256Hex(resource.toString()).substring(0, 32);
    }

    // Helpers

    private Instance visibleInstance(String tenancy, String id) {
        Instance instance = instances.get(id);
        if (instance == null || !instance.tenancy.equals(tenancy)) {
            throw OciError.notFound("instance " + id);
        }
        return instance;
    }

    private Map<String, ObjectNode> kept(Kind kind) {
        return resources.computeIfAbsent(kind, k -> new LinkedHashMap<>());
    }

    private ObjectNode visible(Kind kind, String tenancy, String id) {
        ObjectNode resource = resources.get(kind).get(id);
        if (resource == null || !resource.path("compartmentId").asText().equals(tenancy)) {
            throw OciError.notFound(kind.what + " " + id);
        }
        return resource;
    }

    /** Keeps a new resource, its tags last as OCI orders them; answers a copy. */
    private ObjectNode add(Kind kind, ObjectNode resource, JsonNode freeformTags) {
        resource.set("freeformTags", freeformTags);
        resource.putObject("definedTags");
        resources.get(kind).put(resource.path("id").asText(), resource);
        return resource.deepCopy();
    }

    /**
     * A delete: nothing to do once the resource is terminated; else {@code release} refuses while something still
     * references it (and takes down what goes with it) before it terminates.
     */
    private void delete(Kind kind, String tenancy, String id, Optional<String> ifMatch, Consumer<ObjectNode> release) {
        purge();
        ObjectNode resource = visible(kind, tenancy, id);
        checkEtag(resource, ifMatch);
        if (isTerminated(resource)) {
            return;
        }
        release.accept(resource);
        terminate(resource);
    }

    private ObjectNode liveVcn(String tenancy, String vcnId) {
        ObjectNode vcn = visible(Kind.VCN, tenancy, vcnId);
        if (isTerminated(vcn)) {
            throw OciError.incorrectState("Vcn " + vcnId + " is terminated");
        }
        return vcn;
    }

    /** Only the caller's root compartment (its tenancy) exists in the simulator. */
    private static String compartment(String tenancy, String compartmentId) {
        if (compartmentId == null || compartmentId.isBlank()) {
            throw OciError.missing("compartmentId");
        }
        if (!compartmentId.equals(tenancy)) {
            throw OciError.notFound("compartment " + compartmentId);
        }
        return compartmentId;
    }

    private static List<ObjectNode> live(Map<String, ObjectNode> map, String vcnId) {
        return map.values().stream()
                .filter(r -> r.path("vcnId").asText().equals(vcnId))
                .filter(r -> !isTerminated(r))
                .toList();
    }

    private static boolean isTerminated(JsonNode resource) {
        return TERMINATED.equals(resource.path("lifecycleState").asText());
    }

    private void terminate(ObjectNode resource) {
        if (resource != null) {
            resource.put("lifecycleState", TERMINATED);
            terminatedAt.put(resource.path("id").asText(), Instant.now());
        }
    }

    private static OciError references(String kind, String id, String otherKind, String otherId) {
        return OciError.conflict("The " + kind + " " + id + " references the " + otherKind + " " + otherId
                + ". You must remove the reference to proceed with this operation.");
    }

    private static void checkEtag(JsonNode resource, Optional<String> ifMatch) {
        if (ifMatch.isPresent() && !ifMatch.get().equals(etag(resource))) {
            throw OciError.etagMismatch();
        }
    }

    private static void requireState(Instance instance, String action, String required) {
        if (!instance.state().equals(required)) {
            throw OciError.incorrectState("Instance " + instance.id() + " is in lifecycle state " + instance.state()
                    + "; " + action.toUpperCase(Locale.ROOT) + " needs " + required);
        }
    }

    /** Drops terminated resources once they have been visible long enough. */
    private void purge() {
        Instant cutoff = Instant.now().minus(timings.terminatedRetention());
        List<String> expired = terminatedAt.entrySet().stream()
                .filter(e -> e.getValue().isBefore(cutoff))
                .map(Map.Entry::getKey)
                .toList();
        for (String id : expired) {
            terminatedAt.remove(id);
            instances.remove(id);
            resources.values().forEach(kept -> kept.remove(id));
        }
    }

    private void checkLimits(String tenancy, OciCatalog.Shape shape, double[] config) {
        double ocpus = config[0];
        double memory = config[1];
        int count = 1;
        for (Instance other : instances.values()) {
            if (other.tenancy.equals(tenancy)
                    && other.shape.name().equals(shape.name())
                    && !other.state().equals(TERMINATED)) {
                ocpus += other.json.path("shapeConfig").path("ocpus").asDouble();
                memory += other.json.path("shapeConfig").path("memoryInGBs").asDouble();
                count++;
            }
        }
        switch (shape.name()) {
            case "VM.Standard.A1.Flex" -> {
                if (ocpus > limits.a1Ocpus()) {
                    throw limit("standard-a1-core-count");
                }
                if (memory > limits.a1MemoryInGBs()) {
                    throw limit("standard-a1-memory-count");
                }
            }
            case "VM.Standard.E2.1.Micro" -> {
                if (count > limits.microInstances()) {
                    throw limit("vm-standard-e2-1-micro-count");
                }
            }
            default -> {
                if (ocpus > limits.paidOcpusPerShape()) {
                    throw limit(shape.name().toLowerCase(Locale.ROOT).replace('.', '-') + "-core-count");
                }
            }
        }
    }

    private static OciError limit(String name) {
        return OciError.limitExceeded("The following service limits were exceeded: " + name
                + ". Request a service limit increase from the service limits page in the console.");
    }

    /** {@code [ocpus, memoryInGBs]} for a launch, checked against the shape's options. */
    private static double[] shapeConfig(OciCatalog.Shape shape, JsonNode config) {
        JsonNode json = shape.json();
        if (!shape.flexible()) {
            if (config.isObject()
                    && ((config.has("ocpus")
                                    && config.path("ocpus").asDouble()
                                            != json.path("ocpus").asDouble())
                            || (config.has("memoryInGBs")
                                    && config.path("memoryInGBs").asDouble()
                                            != json.path("memoryInGBs").asDouble()))) {
                throw OciError.invalid("Shape " + shape.name()
                        + " is not flexible: shapeConfig cannot change its ocpus or " + "memory");
            }
            return new double[] {
                json.path("ocpus").asDouble(), json.path("memoryInGBs").asDouble()
            };
        }
        if (!config.isObject() || !config.path("ocpus").isNumber()) {
            throw OciError.invalid("shapeConfig.ocpus is required for the flexible shape " + shape.name());
        }
        double ocpus = config.path("ocpus").asDouble();
        JsonNode ocpuOptions = json.path("ocpuOptions");
        if (ocpus < ocpuOptions.path("min").asDouble()
                || ocpus > ocpuOptions.path("max").asDouble()
                || ocpus != Math.floor(ocpus)) {
            throw OciError.invalid("shapeConfig.ocpus must be a whole number from "
                    + ocpuOptions.path("min").asDouble() + " to "
                    + ocpuOptions.path("max").asDouble() + " for " + shape.name());
        }
        JsonNode memoryOptions = json.path("memoryOptions");
        double memory = config.path("memoryInGBs").isNumber()
                ? config.path("memoryInGBs").asDouble()
                : ocpus * memoryOptions.path("defaultPerOcpuInGBs").asDouble();
        double perOcpu = memory / ocpus;
        if (memory < memoryOptions.path("minInGBs").asDouble()
                || memory > memoryOptions.path("maxInGBs").asDouble()
                || perOcpu < memoryOptions.path("minPerOcpuInGBs").asDouble()
                || perOcpu > memoryOptions.path("maxPerOcpuInGBs").asDouble()) {
            throw OciError.invalid("shapeConfig.memoryInGBs " + memory + " is outside what " + shape.name()
                    + " allows for " + ocpus + " OCPUs");
        }
        return new double[] {ocpus, memory};
    }

    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return metadata;
        }
        if (!node.isObject()) {
            throw OciError.invalid("metadata must be an object of strings");
        }
        int bytes = 0;
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw OciError.invalid("metadata values must be strings");
            }
            metadata.put(field.getKey(), field.getValue().asText());
            bytes += field.getKey().length() + field.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw OciError.invalid("metadata cannot exceed " + MAX_METADATA_BYTES + " bytes");
        }
        if (metadata.containsKey("user_data")) {
            try {
                Base64.getDecoder().decode(metadata.get("user_data").replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw OciError.invalid("metadata.user_data must be base64-encoded");
            }
        }
        return metadata;
    }

    /** What cloud-init reads from {@code metadata.user_data}: the base64 decoded (validated by {@link #metadata}). */
    private static String decodedUserData(String userData) {
        return userData == null
                ? null
                : new String(Base64.getDecoder().decode(userData.replaceAll("\\s", "")), StandardCharsets.UTF_8);
    }

    private static boolean rootAllowed(String userData) {
        if (userData == null) {
            return false;
        }
        String text = new String(Base64.getDecoder().decode(userData.replaceAll("\\s", "")), StandardCharsets.UTF_8);
        return text.startsWith("#cloud-config")
                && text.lines().anyMatch(l -> l.trim().equals("disable_root: false"));
    }

    private static JsonNode tags(JsonNode node) {
        ObjectNode tags = SimJson.MAPPER.createObjectNode();
        if (node.isMissingNode() || node.isNull()) {
            return tags;
        }
        if (!node.isObject()) {
            throw OciError.invalid("freeformTags must be an object of strings");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw OciError.invalid("freeformTags values must be strings");
            }
            tags.put(e.getKey(), e.getValue().asText());
        });
        return tags;
    }

    private static ObjectNode securityRule(JsonNode rule, String endpointField) {
        String protocol = rule.path("protocol").asText(null);
        if (protocol == null || !(protocol.equals("all") || protocol.matches("\\d{1,3}"))) {
            throw OciError.invalid("protocol must be all or an IP protocol number");
        }
        String endpoint = rule.path(endpointField).asText(null);
        if (endpoint == null) {
            throw OciError.missing(endpointField);
        }
        Cidr.parse(endpoint, endpointField);
        ObjectNode stored = SimJson.MAPPER
                .createObjectNode()
                .put("protocol", protocol)
                .put(endpointField, endpoint)
                .put(endpointField + "Type", rule.path(endpointField + "Type").asText("CIDR_BLOCK"))
                .put("isStateless", rule.path("isStateless").asBoolean(false));
        for (String options : List.of("tcpOptions", "udpOptions", "icmpOptions")) {
            if (rule.path(options).isObject()) {
                JsonNode range = rule.path(options).path("destinationPortRange");
                if (range.isObject()
                        && (range.path("min").asInt(0) < 1
                                || range.path("max").asInt(0) > 65535
                                || range.path("min").asInt() > range.path("max").asInt())) {
                    throw OciError.invalid(options + ".destinationPortRange must be 1-65535 with min <= max");
                }
                stored.set(options, rule.path(options).deepCopy());
            }
        }
        if (rule.hasNonNull("description")) {
            stored.put("description", rule.path("description").asText());
        }
        return stored;
    }

    private static ObjectNode securityListJson(
            String id,
            String compartmentId,
            String vcnId,
            String displayName,
            ArrayNode ingress,
            ArrayNode egress,
            String now) {
        ObjectNode list = SimJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("compartmentId", compartmentId)
                .put("vcnId", vcnId)
                .put("displayName", displayName)
                .put("lifecycleState", AVAILABLE)
                .put("timeCreated", now);
        list.set("ingressSecurityRules", ingress);
        list.set("egressSecurityRules", egress);
        return list;
    }

    /** What OCI puts into a new VCN's default security list: SSH from anywhere, path-MTU ICMP, all egress. */
    private static ArrayNode defaultIngress(String vcnCidr) {
        ArrayNode rules = SimJson.MAPPER.createArrayNode();
        ObjectNode ssh = rules.addObject()
                .put("protocol", "6")
                .put("source", "0.0.0.0/0")
                .put("sourceType", "CIDR_BLOCK")
                .put("isStateless", false);
        ssh.putObject("tcpOptions")
                .putObject("destinationPortRange")
                .put("min", 22)
                .put("max", 22);
        rules.addObject()
                .put("protocol", "1")
                .put("source", "0.0.0.0/0")
                .put("sourceType", "CIDR_BLOCK")
                .put("isStateless", false)
                .putObject("icmpOptions")
                .put("type", 3)
                .put("code", 4);
        rules.addObject()
                .put("protocol", "1")
                .put("source", vcnCidr)
                .put("sourceType", "CIDR_BLOCK")
                .put("isStateless", false)
                .putObject("icmpOptions")
                .put("type", 3);
        return rules;
    }

    private static ArrayNode defaultEgress() {
        ArrayNode rules = SimJson.MAPPER.createArrayNode();
        rules.addObject()
                .put("protocol", "all")
                .put("destination", "0.0.0.0/0")
                .put("destinationType", "CIDR_BLOCK")
                .put("isStateless", false);
        return rules;
    }

    private boolean routesToInternet(ObjectNode subnet) {
        ObjectNode table = routeTables.get(subnet.path("routeTableId").asText());
        if (table == null || isTerminated(table)) {
            return false;
        }
        for (JsonNode rule : table.path("routeRules")) {
            ObjectNode gateway =
                    internetGateways.get(rule.path("networkEntityId").asText());
            if (rule.path("destination").asText().equals("0.0.0.0/0")
                    && gateway != null
                    && !isTerminated(gateway)
                    && gateway.path("isEnabled").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private boolean admits(ObjectNode subnet, int port) {
        for (JsonNode listId : subnet.path("securityListIds")) {
            ObjectNode list = securityLists.get(listId.asText());
            if (list == null || isTerminated(list)) {
                continue;
            }
            for (JsonNode rule : list.path("ingressSecurityRules")) {
                String protocol = rule.path("protocol").asText();
                if (!rule.path("source").asText().equals("0.0.0.0/0")
                        || !(protocol.equals("6") || protocol.equals("all"))) {
                    continue;
                }
                JsonNode range = rule.path("tcpOptions").path("destinationPortRange");
                if (protocol.equals("all")
                        || !range.isObject()
                        || (range.path("min").asInt() <= port
                                && port <= range.path("max").asInt())) {
                    return true;
                }
            }
        }
        return false;
    }

    private String privateIp(ObjectNode subnet) {
        Cidr cidr = Cidr.parse(subnet.path("cidrBlock").asText(), "cidrBlock");
        long next = nextPrivateHost.merge(subnet.path("id").asText(), 1L, Long::sum) + 1;
        if (next >= cidr.size() - 1) {
            throw OciError.invalid("Subnet " + subnet.path("id").asText() + " has no free private IP addresses");
        }
        return cidr.address(next);
    }

    private static String macAddress() {
        String hex = OciIds.random().substring(8);
        return "02:00:17:" + Integer.toHexString(hex.charAt(0) % 16).toUpperCase()
                + Integer.toHexString(hex.charAt(1) % 16).toUpperCase() + ":"
                + Integer.toHexString(hex.charAt(2) % 16).toUpperCase()
                + Integer.toHexString(hex.charAt(3) % 16).toUpperCase()
                + ":" + Integer.toHexString(hex.charAt(4) % 16).toUpperCase()
                + Integer.toHexString(hex.charAt(5) % 16).toUpperCase();
    }

    private static String hostnameOf(String displayName) {
        String label = displayName
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-")
                .replaceAll("^[^a-z]+", "");
        label = label.isEmpty() ? "instance" : label;
        return label.length() > 63 ? label.substring(0, 63) : label;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw OciError.missing(field);
        }
        return value.asText();
    }

    private static JsonNode required(JsonNode request, String field) {
        JsonNode value = request.path(field);
        if (!value.isArray()) {
            throw OciError.missing(field);
        }
        return value;
    }

    /** The request's display name, or OCI's default: a prefix and the creation time's digits. */
    private static String displayName(JsonNode request, String prefix, String now) {
        return request.path("displayName")
                .asText(prefix + now.replaceAll("[^0-9]", "").substring(0, 12));
    }

    private static String now() {
        return timestamp(Instant.now());
    }

    /**
     * OCI's RFC 3339 form, always with milliseconds ({@code 2016-08-25T21:10:29.600Z}); {@link Instant#toString}
     * would drop them when they are zero.
     */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static final java.time.format.DateTimeFormatter TIMESTAMP = java.time.format.DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /** Changes an instance later, unless it was terminated (or its life changed course) meanwhile. */
    private void later(Duration after, Instance instance, Consumer<Instance> change) {
        int generation = instance.generation;
        scheduler.schedule(
                () -> {
                    synchronized (this) {
                        if (instances.get(instance.id()) == instance && instance.generation == generation) {
                            change.accept(instance);
                        }
                    }
                },
                after.toMillis(),
                TimeUnit.MILLISECONDS);
    }
}
