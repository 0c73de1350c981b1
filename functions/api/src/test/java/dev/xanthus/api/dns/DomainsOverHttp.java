package dev.xanthus.api.dns;

import dev.xanthus.api.testing.OverHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the domains integration tests share: the dns function over real HTTP (real Tomcat, dynalite, {@link
 * DomainsSandbox}'s Cloudflare simulator), one user signed in per class, and no fault left armed after a test.
 */
@OverHttp(DomainsSandbox.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DomainsOverHttp {

    @LocalServerPort
    int port;

    DomainCalls api;

    @BeforeAll
    void signIn() throws Exception {
        api = DomainCalls.signIn(port);
    }

    @AfterEach
    void clearFaults() {
        DomainCalls.clearFaults();
    }
}
