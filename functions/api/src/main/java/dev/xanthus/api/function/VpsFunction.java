package dev.xanthus.api.function;

import dev.xanthus.api.support.WebSupport;
import dev.xanthus.api.vps.HetznerSettingsController;
import dev.xanthus.api.vps.MetricsController;
import dev.xanthus.api.vps.OciSettingsController;
import dev.xanthus.api.vps.VpsBeans;
import dev.xanthus.api.vps.VpsController;
import dev.xanthus.api.vps.VpsShellController;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The vps function's Spring context: Hetzner and OCI settings, server lifecycle and SSH reads, and the shared web layer. */
@Configuration(proxyBeanMethods = false)
@Import({
    WebSupport.class,
    VpsBeans.class,
    HetznerSettingsController.class,
    OciSettingsController.class,
    VpsController.class,
    VpsShellController.class,
    MetricsController.class
})
public class VpsFunction {}
