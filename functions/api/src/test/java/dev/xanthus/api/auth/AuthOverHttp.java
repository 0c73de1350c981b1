package dev.xanthus.api.auth;

import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.OverHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the sign-in and session integration tests share: the auth function over real HTTP (real Tomcat, dynalite, the
 * Cloudflare simulator), fresh {@link AuthCalls} per test, and no fault left armed after one.
 */
@OverHttp(CloudflareSandbox.class)
abstract class AuthOverHttp {

    @LocalServerPort
    int port;

    AuthCalls api;

    @BeforeEach
    void calls() {
        api = new AuthCalls(port);
    }

    @AfterEach
    void clearFaults() {
        AuthCalls.SIM.server().faults().clear();
    }
}
