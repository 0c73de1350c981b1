package dev.xanthus.api.function;

import dev.xanthus.api.auth.AuthController;
import dev.xanthus.api.health.HealthController;
import dev.xanthus.api.openapi.OpenApiController;
import dev.xanthus.api.support.WebSupport;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The auth function: sign-in, sessions, health and the API document. */
@Configuration(proxyBeanMethods = false)
@Import({WebSupport.class, HealthController.class, OpenApiController.class, AuthController.class})
public class AuthFunction {}
