package dev.xanthus.api.dns;

import static dev.xanthus.api.dns.DomainCalls.CF;
import static dev.xanthus.api.dns.DomainCalls.JSON;
import static dev.xanthus.api.dns.DomainCalls.assertRestored;
import static dev.xanthus.api.dns.DomainCalls.code;
import static dev.xanthus.api.dns.DomainCalls.totalCalls;
import static dev.xanthus.api.dns.DomainsSandbox.SIM;
import static dev.xanthus.api.dns.DomainsSandbox.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.dns.ConfigureStep;
import dev.xanthus.sandbox.cloudflare.ZoneSnapshot;
import dev.xanthus.sandbox.http.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configure saga over HTTP: a failed step is named and every applied step undone, an Origin CA certificate whose
 * answer was lost is found and revoked (never the user's own), and without a bundled root nothing is called at all.
 */
class DomainsSagaIT extends DomainsOverHttp {

    private static final String SETTINGS = "PATCH /zones/{zone_id}/settings/{setting_id}";

    /** Each step failing, on a zone of its own (from {@code firstZone}); every other one starts Full and on. */
    private static Stream<Arguments> steps(int firstZone) {
        return Stream.of(
                Arguments.of(ConfigureStep.SSL_MODE, firstZone, false),
                Arguments.of(ConfigureStep.ORIGIN_CERTIFICATE, firstZone + 1, true),
                Arguments.of(ConfigureStep.ORIGIN_CA_ROOT, firstZone + 2, false),
                Arguments.of(ConfigureStep.ALWAYS_USE_HTTPS, firstZone + 3, true),
                Arguments.of(ConfigureStep.WWW_REDIRECT, firstZone + 4, false),
                Arguments.of(ConfigureStep.STORE_CONFIG, firstZone + 5, true));
    }

    static Stream<Arguments> stepsOnZones10To15() {
        return steps(10);
    }

    static Stream<Arguments> stepsOnZones4To9() {
        return steps(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsOnZones10To15")
    void configure_shouldAnswer502NamingTheFailedStep_whenAStepFails(
            ConfigureStep step, int zoneNumber, boolean startFullAndOn) throws Exception {
        // given
        String domain = zoneFailingAt(step, zone(zoneNumber), startFullAndOn);

        // when
        HttpResponse<String> response = api.configure(domain);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("DOMAIN_CONFIGURE_FAILED");
        assertThat(error.path("details").path("failed_step").asText()).isEqualTo(step.id());
        assertThat(error.path("details").path("step_number").asInt()).isEqualTo(step.number());
        assertThat(error.path("details").path("rolled_back").asBoolean()).isTrue();
        assertThat(error.path("message").asText()).contains("step " + step.number());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsOnZones4To9")
    void configure_shouldUndoEveryAppliedStep_whenAStepFails(ConfigureStep step, int zoneNumber, boolean startFullAndOn)
            throws Exception {
        // given
        String domain = zoneFailingAt(step, zone(zoneNumber), startFullAndOn);
        ZoneSnapshot before = SIM.snapshot(domain);
        Map<String, String> kvBefore = api.kvContents();

        // when
        api.configure(domain);

        // then: the zone and the namespace exactly as before, and the failure was the one armed
        assertRestored(before, SIM.snapshot(domain));
        assertThat(api.kvContents()).isEqualTo(kvBefore);
        assertThat(SIM.server().faults().armed()).isEmpty();
    }

    /** Sets {@code domain} up (Full and on, or Cloudflare's defaults) and arms the failure of {@code step}. */
    private static String zoneFailingAt(ConfigureStep step, String domain, boolean startFullAndOn) {
        if (startFullAndOn) {
            CF.updateZoneSetting(SIM.zoneId(domain), ZoneSetting.Id.SSL, "full");
            CF.updateZoneSetting(SIM.zoneId(domain), ZoneSetting.Id.ALWAYS_USE_HTTPS, "on");
        }
        switch (step) {
            case SSL_MODE ->
                SIM.server().faults().inject(SETTINGS, Fault.status(500, "{\"success\":false,\"errors\":[]}"), 1);
            case ORIGIN_CERTIFICATE -> SIM.server().faults().inject("POST /certificates", Fault.drop(), 1);
            case ORIGIN_CA_ROOT -> DomainsSandbox.ROOT.fail = true;
            case ALWAYS_USE_HTTPS -> {
                // The first settings PATCH (step 1) goes through; the second (step 4) fails.
                SIM.server().faults().inject(SETTINGS, Fault.latency(Duration.ZERO), 1);
                SIM.server().faults().inject(SETTINGS, Fault.status(503, "{\"success\":false,\"errors\":[]}"), 1);
            }
            case WWW_REDIRECT -> SIM.server().faults().inject("POST /zones/{zone_id}/pagerules", Fault.drop(), 1);
            case STORE_CONFIG ->
                SIM.server()
                        .faults()
                        .inject(
                                "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}",
                                Fault.status(
                                        500, "{\"success\":false,\"errors\":[{\"code\":10001,\"message\":\"boom\"}]}"),
                                1);
        }
        return domain;
    }

    @Test
    void configure_shouldRevokeTheIssuedCertificate_whenTheCreateAnswerWasLost() throws Exception {
        // given
        String domain = zone(40);
        usersOwnCertificate(domain);
        ZoneSnapshot before = SIM.snapshot(domain);
        loseTheNextCertificateAnswer();

        // when
        HttpResponse<String> response = api.configure(domain);

        // then: rolled back, and the certificate issued without an answer is there and revoked
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("details").path("failed_step").asText()).isEqualTo(ConfigureStep.ORIGIN_CERTIFICATE.id());
        ZoneSnapshot after = SIM.snapshot(domain);
        assertThat(after.certificates()).hasSize(before.certificates().size() + 1);
        assertRestored(before, after);
    }

    @Test
    void configure_shouldNeverRevokeTheUsersOwnCertificate_whenTheCreateAnswerWasLost() throws Exception {
        // given
        String domain = zone(43);
        String usersOwn = usersOwnCertificate(domain);
        loseTheNextCertificateAnswer();

        // when
        api.configure(domain);

        // then
        assertThat(SIM.snapshot(domain).certificates())
                .filteredOn(c -> c.id().equals(usersOwn))
                .singleElement()
                .satisfies(c -> assertThat(c.revoked()).isFalse());
        assertThat(CF.listOriginCertificates(SIM.zoneId(domain)))
                .extracting(c -> c.id())
                .containsExactly(usersOwn);
    }

    /** A certificate the user already has for the domain's names (made in the dashboard, say); returns its id. */
    private String usersOwnCertificate(String domain) throws Exception {
        AccountCsr csr = JSON.readValue(api.kv(AccountCsr.KV_KEY), AccountCsr.class);
        return CF.createOriginCertificate(dev.xanthus.clients.cloudflare.OriginCertificateRequest.rsa(
                        csr.csr(), List.of(domain, "*." + domain), 5475))
                .id();
    }

    /** Cloudflare issues the next certificate, then its answer never arrives. */
    private static void loseTheNextCertificateAnswer() {
        SIM.server().faults().inject("POST /certificates", Fault.lostResponse(), 1);
    }

    @Test
    void configure_shouldBe503AndCallNothing_whenNoOriginCaRootIsBundled_whileTheRestWorks() throws Exception {
        DomainsSandbox.ROOT.missing = true;
        try {
            // given
            int callsBefore = totalCalls();

            // when
            HttpResponse<String> response = api.configure(zone(42));
            HttpResponse<String> health = api.send("GET", "/health", null, null);

            // then: a clear 503, no Cloudflare call, the rest of the function up, /health saying why
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(code(response)).isEqualTo("ORIGIN_CA_ROOT_UNAVAILABLE");
            assertThat(totalCalls()).isEqualTo(callsBefore);
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("checks").path("origin_ca_root").asText()).isEqualTo("warning");
            assertThat(body.path("details").path("origin_ca_root").asText())
                    .contains("configuring a domain answers 503");
            assertThat(api.send("GET", "/api/v1/dns/domains", null, api.jwt).statusCode())
                    .isEqualTo(200);
        } finally {
            DomainsSandbox.ROOT.missing = false;
        }
        HttpResponse<String> health = api.send("GET", "/health", null, null);
        assertThat(JSON.readTree(health.body())
                        .path("checks")
                        .path("origin_ca_root")
                        .asText())
                .isEqualTo("ok");
    }
}
