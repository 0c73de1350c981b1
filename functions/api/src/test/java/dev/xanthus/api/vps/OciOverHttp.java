package dev.xanthus.api.vps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.OciSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.oci.OciSimulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the OCI integration tests share: the vps function over real HTTP (real Tomcat, dynalite, the Cloudflare
 * simulator and the OCI simulator, which checks every request's signature; instances are sandbox servers over real
 * SSH), a user signed in per test, and after each test no fault armed and no OCI credentials left in the namespace.
 */
@OverHttp(OciSandbox.class)
abstract class OciOverHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final OciSimulator OCI = OciSandbox.SIM;
    static final String ACCOUNT = CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    static final Duration WAIT = Duration.ofSeconds(40);

    @LocalServerPort
    int port;

    SignedIn user;

    /** Leaves the shared sandbox namespace without OCI credentials, as other test classes expect. */
    @AfterEach
    void clearFaultsAndCredentials() throws Exception {
        OCI.http().faults().clear();
        if (user != null) {
            user.send("DELETE", "/api/v1/settings/oci", null);
        }
    }

    void signIn() throws Exception {
        user = SignedIn.as(port, WAIT, "oci", "hetzner");
    }

    void signInWithOciKey() throws Exception {
        signIn();
        user.withOciKey();
    }
}
