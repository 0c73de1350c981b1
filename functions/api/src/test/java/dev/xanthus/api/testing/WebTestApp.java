package dev.xanthus.api.testing;

import dev.xanthus.api.function.AllFunctions;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Every function plus a real Tomcat, as the local stack runs them, and the test-only probe routes. */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ServletWebServerFactoryAutoConfiguration.class)
@Import({AllFunctions.class, ErrorProbeController.class})
public class WebTestApp {}
