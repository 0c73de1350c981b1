package dev.xanthus.api.testing;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.server.SshAddressResolver;
import dev.xanthus.sandbox.oci.OciSimulator;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Cloudflare sandbox plus a fast OCI simulator (signature-checking, generous limits) whose instances are real SSH
 * servers on 127.0.0.1, and its IP → port mapping as the API's {@link SshAddressResolver}.
 */
public final class OciSandbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final OciSimulator SIM = OciSimulator.start(OciSimulator.Config.defaults().withPort(0)
      .withTimings(OciSimulator.Timings.uniform(Duration.ofMillis(200)))
      .withLimits(OciSimulator.Limits.generous())
      .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(250))));
  public static final SshAddressResolver ADDRESSES =
      (ip, port) -> SIM.sshAddress(ip).orElse(new InetSocketAddress("127.0.0.1", 1));

  public static Map<String, String> env() {
    Map<String, String> env = new HashMap<>(CloudflareSandbox.env());
    env.put("OCI_API_BASE", SIM.baseUri().toString());
    return env;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.getBeanFactory().registerSingleton("appConfig", AppConfig.from(env()));
    context.getBeanFactory().registerSingleton("clock", CloudflareSandbox.CLOCK);
    context.getBeanFactory().registerSingleton("sshAddressResolver", ADDRESSES);
  }
}
