package dev.xanthus.clients.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.clients.http.ApiRequest;
import dev.xanthus.clients.http.ApiResponse;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.PathTemplate;
import dev.xanthus.clients.http.RetryAdvice;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link OciClient} over HTTP: every request signed with the API key ({@link OciSigner}), camelCase JSON, GETs,
 * DELETEs and creates retried on 429 (as {@code Retry-After} advises), 5xx and dropped connections — a create carries
 * an {@code opc-retry-token}, so OCI answers a resend with the first answer instead of creating twice (a launch whose
 * answer was lost would otherwise leave an instance nobody knows of); updates and actions are sent once. Logs (by
 * {@link JsonHttp}) carry only method, path template and status.
 */
public final class HttpOciClient implements OciClient {

    public static final String API_VERSION = "/20160918";
    /** OCI's usual maximum page size for Core Services lists. */
    private static final int MAX_LIMIT = 1000;

    private static final String JSON = "application/json";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JsonHttp http;
    private final OciCredentials credentials;
    private final OciSigner signer;
    private final URI identity;
    private final URI iaas;
    private final Clock clock;
    private final int limit;

    HttpOciClient(JsonHttp http, OciCredentials credentials, OciEndpoints endpoints, Clock clock, int limit) {
        this.http = http;
        this.credentials = credentials;
        this.signer = new OciSigner(credentials);
        this.identity = endpoints.identity(credentials.region());
        this.iaas = endpoints.iaas(credentials.region());
        this.clock = clock;
        this.limit = limit;
    }

    /**
     * The production wiring: the process-wide HTTP client, {@code Retry-After} advice, real time. Throws
     * {@link OciKeyException} when the private key cannot sign.
     */
    public static HttpOciClient create(OciCredentials credentials, OciEndpoints endpoints) {
        return new HttpOciClient(
                JsonHttp.create(RetryAdvice.retryAfter()), credentials, endpoints, Clock.systemUTC(), MAX_LIMIT);
    }

    /** Tests: their own transport (recording sleeper), clock and page size. */
    public static HttpOciClient create(
            JsonHttp http, OciCredentials credentials, OciEndpoints endpoints, Clock clock, int pageLimit) {
        return new HttpOciClient(http, credentials, endpoints, clock, pageLimit);
    }

    public OciCredentials credentials() {
        return credentials;
    }

    // Identity

    @Override
    public OciUser getUser(String userId) {
        return read(get(identity, "/users/{userId}", Map.of(), userId), OciUser.class);
    }

    @Override
    public OciTenancy getTenancy(String tenancyId) {
        return read(get(identity, "/tenancies/{tenancyId}", Map.of(), tenancyId), OciTenancy.class);
    }

    @Override
    public List<RegionSubscription> listRegionSubscriptions(String tenancyId) {
        // Not paginated by OCI.
        return readList(
                get(identity, "/tenancies/{tenancyId}/regionSubscriptions", Map.of(), tenancyId),
                RegionSubscription.class);
    }

    @Override
    public List<AvailabilityDomain> listAvailabilityDomains(String compartmentId) {
        return readList(
                get(identity, "/availabilityDomains/", query("compartmentId", compartmentId)),
                AvailabilityDomain.class);
    }

    // Compute

    @Override
    public List<OciShape> listShapes(String compartmentId) {
        return listAll(iaas, "/shapes", query("compartmentId", compartmentId), OciShape.class);
    }

    @Override
    public List<OciImage> listImages(
            String compartmentId, String operatingSystem, String operatingSystemVersion, String shape) {
        Map<String, Object> query = query("compartmentId", compartmentId);
        query.put("operatingSystem", operatingSystem);
        query.put("operatingSystemVersion", operatingSystemVersion);
        query.put("shape", shape);
        query.put("sortBy", "TIMECREATED");
        query.put("sortOrder", "DESC");
        return listAll(iaas, "/images", query, OciImage.class);
    }

    @Override
    public OciInstance launchInstance(LaunchInstanceRequest request) {
        ObjectNode body = OciJson.MAPPER.createObjectNode();
        body.put("compartmentId", request.compartmentId());
        body.put("availabilityDomain", request.availabilityDomain());
        body.put("displayName", request.displayName());
        body.put("shape", request.shape());
        if (request.ocpus() != null || request.memoryInGBs() != null) {
            ObjectNode shapeConfig = body.putObject("shapeConfig");
            if (request.ocpus() != null) {
                shapeConfig.put("ocpus", request.ocpus());
            }
            if (request.memoryInGBs() != null) {
                shapeConfig.put("memoryInGBs", request.memoryInGBs());
            }
        }
        body.putObject("sourceDetails").put("sourceType", "image").put("imageId", request.imageId());
        body.putObject("createVnicDetails")
                .put("subnetId", request.subnetId())
                .put("assignPublicIp", request.assignPublicIp());
        if (request.metadata() != null) {
            body.set("metadata", OciJson.MAPPER.valueToTree(request.metadata()));
        }
        return read(create("/instances/", body, request.freeformTags()), OciInstance.class);
    }

    @Override
    public OciInstance getInstance(String instanceId) {
        return read(get(iaas, "/instances/{instanceId}", Map.of(), instanceId), OciInstance.class);
    }

    @Override
    public List<OciInstance> listInstances(String compartmentId) {
        return listAll(iaas, "/instances/", query("compartmentId", compartmentId), OciInstance.class);
    }

    @Override
    public OciInstance instanceAction(String instanceId, String action) {
        return read(
                write("POST", iaas, "/instances/{instanceId}", query("action", action), null, instanceId),
                OciInstance.class);
    }

    @Override
    public void terminateInstance(String instanceId, boolean preserveBootVolume) {
        delete(iaas, "/instances/{instanceId}", query("preserveBootVolume", preserveBootVolume), instanceId);
    }

    @Override
    public List<VnicAttachment> listVnicAttachments(String compartmentId, String instanceId) {
        Map<String, Object> query = query("compartmentId", compartmentId);
        query.put("instanceId", instanceId);
        return listAll(iaas, "/vnicAttachments/", query, VnicAttachment.class);
    }

    @Override
    public OciVnic getVnic(String vnicId) {
        return read(get(iaas, "/vnics/{vnicId}", Map.of(), vnicId), OciVnic.class);
    }

    // Networking

    @Override
    public List<OciVcn> listVcns(String compartmentId) {
        return listAll(iaas, "/vcns", query("compartmentId", compartmentId), OciVcn.class);
    }

    @Override
    public OciVcn createVcn(
            String compartmentId, String displayName, String cidrBlock, Map<String, String> freeformTags) {
        ObjectNode body = OciJson.MAPPER
                .createObjectNode()
                .put("compartmentId", compartmentId)
                .put("displayName", displayName)
                .put("cidrBlock", cidrBlock);
        return read(create("/vcns", body, freeformTags), OciVcn.class);
    }

    @Override
    public void deleteVcn(String vcnId) {
        delete(iaas, "/vcns/{vcnId}", Map.of(), vcnId);
    }

    @Override
    public List<InternetGateway> listInternetGateways(String compartmentId, String vcnId) {
        return listAll(iaas, "/internetGateways", byVcn(compartmentId, vcnId), InternetGateway.class);
    }

    @Override
    public InternetGateway createInternetGateway(
            String compartmentId, String vcnId, String displayName, Map<String, String> freeformTags) {
        ObjectNode body = newInVcn(compartmentId, vcnId, displayName).put("isEnabled", true);
        return read(create("/internetGateways", body, freeformTags), InternetGateway.class);
    }

    @Override
    public void deleteInternetGateway(String igwId) {
        delete(iaas, "/internetGateways/{igId}", Map.of(), igwId);
    }

    @Override
    public OciRouteTable getRouteTable(String routeTableId) {
        return read(get(iaas, "/routeTables/{rtId}", Map.of(), routeTableId), OciRouteTable.class);
    }

    @Override
    public OciRouteTable updateRouteTable(String routeTableId, List<RouteRule> rules) {
        ObjectNode body = OciJson.MAPPER.createObjectNode();
        ArrayNode routeRules = body.putArray("routeRules");
        for (RouteRule rule : rules) {
            routeRules
                    .addObject()
                    .put("destination", rule.destination())
                    .put("destinationType", rule.destinationType())
                    .put("networkEntityId", rule.networkEntityId());
        }
        return read(write("PUT", iaas, "/routeTables/{rtId}", Map.of(), body, routeTableId), OciRouteTable.class);
    }

    @Override
    public List<SecurityList> listSecurityLists(String compartmentId, String vcnId) {
        List<SecurityList> lists = new ArrayList<>();
        for (JsonNode item : listAllNodes(iaas, "/securityLists", byVcn(compartmentId, vcnId))) {
            lists.add(securityList(item));
        }
        return lists;
    }

    @Override
    public SecurityList createSecurityList(
            String compartmentId,
            String vcnId,
            String displayName,
            List<IngressRule> ingress,
            List<EgressRule> egress,
            Map<String, String> freeformTags) {
        ObjectNode body = newInVcn(compartmentId, vcnId, displayName);
        ArrayNode ingressRules = body.putArray("ingressSecurityRules");
        for (IngressRule rule : ingress) {
            putRule(ingressRules, "source", rule.source(), rule.protocol(), rule.tcpMinPort(), rule.tcpMaxPort());
        }
        ArrayNode egressRules = body.putArray("egressSecurityRules");
        for (EgressRule rule : egress) {
            putRule(
                    egressRules,
                    "destination",
                    rule.destination(),
                    rule.protocol(),
                    rule.tcpMinPort(),
                    rule.tcpMaxPort());
        }
        return securityList(create("/securityLists", body, freeformTags));
    }

    @Override
    public void deleteSecurityList(String securityListId) {
        delete(iaas, "/securityLists/{securityListId}", Map.of(), securityListId);
    }

    @Override
    public List<OciSubnet> listSubnets(String compartmentId, String vcnId) {
        return listAll(iaas, "/subnets", byVcn(compartmentId, vcnId), OciSubnet.class);
    }

    @Override
    public OciSubnet createSubnet(
            String compartmentId,
            String vcnId,
            String displayName,
            String cidrBlock,
            String routeTableId,
            List<String> securityListIds,
            Map<String, String> freeformTags) {
        ObjectNode body = newInVcn(compartmentId, vcnId, displayName)
                .put("cidrBlock", cidrBlock)
                .put("routeTableId", routeTableId);
        if (securityListIds != null) {
            body.set("securityListIds", OciJson.MAPPER.valueToTree(securityListIds));
        }
        return read(create("/subnets", body, freeformTags), OciSubnet.class);
    }

    @Override
    public void deleteSubnet(String subnetId) {
        delete(iaas, "/subnets/{subnetId}", Map.of(), subnetId);
    }

    // Wire helpers

    /** The first fields of a new networking resource inside a VCN. */
    private static ObjectNode newInVcn(String compartmentId, String vcnId, String displayName) {
        return OciJson.MAPPER
                .createObjectNode()
                .put("compartmentId", compartmentId)
                .put("vcnId", vcnId)
                .put("displayName", displayName);
    }

    /** The filters of a list of what lives in one VCN. */
    private static Map<String, Object> byVcn(String compartmentId, String vcnId) {
        Map<String, Object> query = query("compartmentId", compartmentId);
        query.put("vcnId", vcnId);
        return query;
    }

    /** A stateful rule for traffic from ({@code peer} "source") or to ({@code "destination"}) a CIDR block. */
    private static void putRule(ArrayNode rules, String peer, String cidr, String protocol, Integer min, Integer max) {
        ObjectNode rule = rules.addObject()
                .put("protocol", protocol)
                .put(peer, cidr)
                .put(peer + "Type", "CIDR_BLOCK")
                .put("isStateless", false);
        putTcp(rule, protocol, min, max);
    }

    private static void putTcp(ObjectNode rule, String protocol, Integer min, Integer max) {
        if (IngressRule.TCP.equals(protocol) && (min != null || max != null)) {
            rule.putObject("tcpOptions")
                    .putObject("destinationPortRange")
                    .put("min", min == null ? max : min)
                    .put("max", max == null ? min : max);
        }
    }

    private static SecurityList securityList(JsonNode node) {
        List<IngressRule> ingress = new ArrayList<>();
        for (JsonNode rule : node.path("ingressSecurityRules")) {
            JsonNode range = rule.path("tcpOptions").path("destinationPortRange");
            ingress.add(new IngressRule(
                    rule.path("protocol").asText(null),
                    rule.path("source").asText(null),
                    intOrNull(range.path("min")),
                    intOrNull(range.path("max"))));
        }
        List<EgressRule> egress = new ArrayList<>();
        for (JsonNode rule : node.path("egressSecurityRules")) {
            JsonNode range = rule.path("tcpOptions").path("destinationPortRange");
            egress.add(new EgressRule(
                    rule.path("protocol").asText(null),
                    rule.path("destination").asText(null),
                    intOrNull(range.path("min")),
                    intOrNull(range.path("max"))));
        }
        Map<String, String> tags = node.path("freeformTags").isObject()
                ? OciJson.MAPPER.convertValue(
                        node.get("freeformTags"),
                        OciJson.MAPPER
                                .getTypeFactory()
                                .constructMapType(LinkedHashMap.class, String.class, String.class))
                : Map.of();
        return new SecurityList(
                node.path("id").asText(null),
                node.path("compartmentId").asText(null),
                node.path("vcnId").asText(null),
                node.path("displayName").asText(null),
                ingress,
                egress,
                node.path("lifecycleState").asText(null),
                node.path("timeCreated").isTextual() ? read(node.get("timeCreated"), java.time.Instant.class) : null,
                tags);
    }

    private static Integer intOrNull(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }

    private static Map<String, Object> query(String name, Object value) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put(name, value);
        return query;
    }

    // Transport

    /** Reads every page: OCI says there is another in the {@code opc-next-page} header, passed back as {@code page}. */
    private <T> List<T> listAll(URI base, String template, Map<String, Object> filters, Class<T> type) {
        List<T> all = new ArrayList<>();
        for (JsonNode item : listAllNodes(base, template, filters)) {
            all.add(read(item, type));
        }
        return all;
    }

    private List<JsonNode> listAllNodes(URI base, String template, Map<String, Object> filters) {
        List<JsonNode> all = new ArrayList<>();
        String page = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>(filters);
            query.put("limit", limit);
            query.put("page", page);
            ApiResponse response = send("GET", base, template, query, null, new String[0]);
            response.json().forEach(all::add);
            page = response.headers()
                    .firstValue("opc-next-page")
                    .filter(value -> !value.isBlank())
                    .orElse(null);
        } while (page != null);
        return all;
    }

    /** POSTs a new Core Services resource; tags go only when there are some. */
    private JsonNode create(String template, ObjectNode body, Map<String, String> freeformTags) {
        if (freeformTags != null && !freeformTags.isEmpty()) {
            body.set("freeformTags", OciJson.MAPPER.valueToTree(freeformTags));
        }
        return send("POST", iaas, template, Map.of(), json(body), new String[0], retryToken())
                .json();
    }

    /** 32 random hex characters (OCI allows up to 64). */
    private static String retryToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private JsonNode get(URI base, String template, Map<String, Object> query, String... values) {
        return send("GET", base, template, query, null, values).json();
    }

    private JsonNode write(
            String method, URI base, String template, Map<String, Object> query, JsonNode body, String... values) {
        return send(method, base, template, query, json(body), values).json();
    }

    private static byte[] json(JsonNode body) {
        try {
            return body == null ? new byte[0] : OciJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
    }

    private void delete(URI base, String template, Map<String, Object> query, String... values) {
        send("DELETE", base, template, query, null, values);
    }

    private ApiResponse send(
            String method, URI base, String template, Map<String, Object> query, byte[] body, String[] values) {
        return send(method, base, template, query, body, values, null);
    }

    private ApiResponse send(
            String method,
            URI base,
            String template,
            Map<String, Object> query,
            byte[] body,
            String[] values,
            String retryToken) {
        String path = API_VERSION + (values.length == 0 ? template : PathTemplate.expand(template, values));
        URI uri = PathTemplate.uri(base, path, query);
        Map<String, String> headers = new LinkedHashMap<>(signer.sign(method, uri, body, JSON, clock.instant()));
        headers.put("Accept", JSON);
        String described = API_VERSION + template;
        ApiRequest request =
                switch (method) {
                    case "GET" -> ApiRequest.get(uri, described, headers);
                    // A repeated delete of the same resource can only find it already going or gone.
                    case "DELETE" -> ApiRequest.delete(uri, described, headers, true);
                    default -> {
                        if (retryToken == null) {
                            yield ApiRequest.write(method, uri, described, headers, body, JSON);
                        }
                        // not signed (OCI does not require it to be), so a resend may carry the same signature headers
                        headers.put("opc-retry-token", retryToken);
                        yield new ApiRequest(method, uri, described, headers, body, JSON, true);
                    }
                };
        ApiResponse response = http.send(request);
        if (response.isSuccess()) {
            return response;
        }
        throw error(response);
    }

    /** The typed error of a non-2xx answer; one without OCI's error body (a proxy's page) gets a generic code. */
    static OciException error(ApiResponse response) {
        JsonNode body = response.json();
        String requestId = response.headers().firstValue("opc-request-id").orElse(null);
        if (!body.path("code").isTextual()) {
            return new OciException(
                    response.status(), "http_" + response.status(), "unexpected answer from OCI", requestId);
        }
        return new OciException(
                response.status(),
                body.get("code").asText(),
                body.path("message").asText(""),
                requestId);
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return OciJson.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unexpected OCI response body", e);
        }
    }

    private static <T> List<T> readList(JsonNode array, Class<T> type) {
        List<T> all = new ArrayList<>();
        array.forEach(item -> all.add(read(item, type)));
        return all;
    }
}
