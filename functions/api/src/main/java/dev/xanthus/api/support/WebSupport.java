package dev.xanthus.api.support;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The web layer every function shares. Auto-configuration is listed, not scanned: a function's context holds
 * only MVC, Jackson and our own beans, which keeps cold starts short.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class
})
@Import({
    CoreBeans.class,
    StrictJson.class,
    RequestIdFilter.class,
    DeadlineFilter.class,
    BodyLimitFilter.class,
    ApiErrors.class,
    JsonErrorController.class,
    PrincipalResolver.class
})
public class WebSupport {}
