package dev.xanthus.clients.cloudflare;

import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.clients.http.RetryPolicy;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.http.SimServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Cloudflare simulator per test on a free loopback port, a client bound to the sandbox token whose retry
 * waits are recorded instead of slept, and a contract check of every simulator response after the test.
 */
final class CloudflareSandbox implements BeforeEachCallback, AfterEachCallback {

    private static final HttpClient HTTP = JsonHttp.newHttpClient();

    private final UnaryOperator<CloudflareSimConfig> configure;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private CloudflareSimulator simulator;
    private ContractValidator contract;
    private HttpCloudflareClient unbound;

    CloudflareSandbox() {
        this(UnaryOperator.identity());
    }

    CloudflareSandbox(UnaryOperator<CloudflareSimConfig> configure) {
        this.configure = configure;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sleeps.clear();
        simulator = CloudflareSimulator.start(
                configure.apply(CloudflareSimConfig.defaults().withPort(0)));
        contract = new ContractValidator();
        simulator.server().onExchange(contract::check);
        JsonHttp http =
                new JsonHttp(HTTP, RetryPolicy.defaults(RetryAdvice.retryAfter()), sleeps::add, Clock.systemUTC());
        unbound = new HttpCloudflareClient(http, simulator.baseUri());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        simulator.close();
        contract.assertAllValid();
    }

    CloudflareSimulator simulator() {
        return simulator;
    }

    SimServer server() {
        return simulator.server();
    }

    /** A client bound to the sandbox token. */
    CloudflareClient client() {
        return unbound.withToken(CloudflareSimConfig.SANDBOX_TOKEN);
    }

    CloudflareClient client(String token) {
        return unbound.withToken(token);
    }

    String accountId() {
        return CloudflareSimConfig.SANDBOX_ACCOUNT_ID;
    }

    /** The waits the client's retries asked for, in order. */
    List<Duration> sleeps() {
        return sleeps;
    }

    ContractValidator contract() {
        return contract;
    }

    static HttpClient http() {
        return HTTP;
    }
}
