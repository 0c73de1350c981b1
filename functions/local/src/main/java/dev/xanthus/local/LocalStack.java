package dev.xanthus.local;

import dev.xanthus.api.function.AllFunctions;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.sandbox.dynamo.Dynalite;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The local stack in one process: dynalite (persisting under the state folder), then the API with every route group
 * on one port, serving the built frontend at {@code /} when there is one. Everything binds to loopback, and
 * everything it started stops with it.
 */
public final class LocalStack implements AutoCloseable {

  public static final String TABLE_NAME = "xanthus";

  private final Dynalite dynalite;
  private final ConfigurableApplicationContext api;
  private final String url;

  private LocalStack(Dynalite dynalite, ConfigurableApplicationContext api, String url) {
    this.dynalite = dynalite;
    this.api = api;
    this.url = url;
  }

  public static void main(String[] args) {
    LocalStack stack;
    try {
      stack = start(LocalSettings.from(System.getenv()));
    } catch (LocalStackException e) {
      System.err.println("xanthus: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "xanthus-shutdown"));
    System.out.println();
    System.out.println("Xanthus is running at " + stack.url() + "  (sandbox mode; Ctrl-C stops everything)");
    System.out.println();
  }

  public static LocalStack start(LocalSettings settings) {
    Ports.requireFree(settings.host(), settings.apiPort(), "XANTHUS_API_PORT");
    Ports.requireFree(settings.host(), settings.dynamoPort(), "XANTHUS_DYNAMO_PORT");
    StateDir state = new StateDir(settings.stateDir());

    Dynalite dynalite = Dynalite.start(settings.host(), settings.dynamoPort(), state.dynamoData());
    try {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("XANTHUS_MODE", "sandbox");
      env.put("AWS_REGION", "us-east-1");
      env.put("DYNAMODB_ENDPOINT", dynalite.endpoint());
      env.put("TABLE_NAME", TABLE_NAME);
      env.put("JWT_PRIVATE_JWK", state.jwtPrivateJwk());
      env.put("DATA_KEY", state.dataKey());
      env.put("ALLOWED_ORIGINS", "http://127.0.0.1:" + settings.apiPort() + ",http://localhost:" + settings.apiPort());
      AppConfig config = AppConfig.from(env);
      try (var client = Dynamo.client(config)) {
        TableSetup.ensure(client, config.tableName());
      }

      SpringApplicationBuilder builder = new SpringApplicationBuilder(LocalWeb.class)
          .web(WebApplicationType.SERVLET)
          .initializers(ctx -> ctx.getBeanFactory().registerSingleton("appConfig", config))
          .properties(Map.of(
              "server.address", settings.host(),
              "server.port", Integer.toString(settings.apiPort()),
              "server.shutdown", "immediate"));
      if (FrontendConfig.available(settings.frontendDir())) {
        builder.initializers(ctx -> ctx.getBeanFactory().registerSingleton("frontend", new FrontendConfig(settings.frontendDir())));
      }
      ConfigurableApplicationContext api = builder.run();
      int port = ((ServletWebServerApplicationContext) api).getWebServer().getPort();
      return new LocalStack(dynalite, api, "http://" + settings.host() + ":" + port);
    } catch (RuntimeException e) {
      dynalite.close();
      throw e;
    }
  }

  public String url() {
    return url;
  }

  public Dynalite dynalite() {
    return dynalite;
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      dynalite.close();
    }
  }

  /** The API with every route group, on an embedded Tomcat. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(ServletWebServerFactoryAutoConfiguration.class)
  @Import(AllFunctions.class)
  static class LocalWeb {}
}
