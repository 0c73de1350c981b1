package dev.xanthus.api.vps;

import dev.xanthus.clients.hetzner.HttpHetznerClient;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.core.auth.AuthService;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.server.HetznerKeys;
import dev.xanthus.core.server.HetznerServers;
import dev.xanthus.core.server.OciServers;
import dev.xanthus.core.server.ServerCatalog;
import dev.xanthus.core.server.ServerCleanup;
import dev.xanthus.core.server.ServerDirectory;
import dev.xanthus.core.server.ServerService;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The vps function's services: Hetzner and Oracle Cloud with the user's keys, SSH with pinned host keys. */
@Configuration(proxyBeanMethods = false)
@Import({ServerAccessBeans.class, OciBeans.class})
public class VpsBeans {

    /** The transport and base URL, shared; each request binds the user's key with {@code withToken}. */
    @Bean
    HttpHetznerClient hetznerTransport(AppConfig config) {
        return new HttpHetznerClient(JsonHttp.create(RetryAdvice.rateLimitReset()), config.hetznerApi(), "");
    }

    @Bean
    HetznerKeys hetznerKeys(HttpHetznerClient hetznerTransport) {
        return new HetznerKeys(hetznerTransport::withToken);
    }

    @Bean
    HetznerServers hetznerServers(HetznerKeys keys, Clock clock, ServerDirectory directory) {
        return new HetznerServers(keys, new ServerCatalog(), clock, directory);
    }

    /** Hetzner first: servers without a KV config can only be Hetzner's (they carry their own label). */
    @Bean
    ServerService serverService(HetznerServers hetzner, OciServers oci, AuthService auth, ServerDirectory directory) {
        return new ServerService(List.of(hetzner, oci), new ServerCleanup(auth), directory);
    }
}
