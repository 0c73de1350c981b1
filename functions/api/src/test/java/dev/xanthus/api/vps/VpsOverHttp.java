package dev.xanthus.api.vps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.HetznerSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the Hetzner vps integration tests share: the vps function over real HTTP (real Tomcat, dynalite, the Cloudflare
 * and Hetzner simulators, sandbox servers over real SSH), a user signed in per test, and no fault left armed after one.
 */
@OverHttp(HetznerSandbox.class)
abstract class VpsOverHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HetznerSimulator HETZNER = HetznerSandbox.SIM;
    static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    static final Duration WAIT = Duration.ofSeconds(30);
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    SignedIn user;

    @AfterEach
    void clearFaults() {
        HETZNER.http().faults().clear();
    }

    /** Signs in with a fresh Cloudflare token and stores the sandbox Hetzner key. */
    void signInWithHetznerKey() throws Exception {
        signIn();
        user.withHetznerKey();
    }

    /** Signs in with a fresh Cloudflare token, the shared namespace cleared of OCI credentials. */
    void signIn() throws Exception {
        user = SignedIn.as(port, WAIT, "oci");
    }
}
