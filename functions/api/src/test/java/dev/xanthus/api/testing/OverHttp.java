package dev.xanthus.api.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * An integration test of the API over real HTTP: every function on a real Tomcat at a random port ({@link
 * WebTestApp}), wired to the sandbox {@link #value()} names. Classes naming the same sandbox share one cached Spring
 * context, as they did when each class spelled the two annotations out. Inherited, so a feature's abstract base
 * ({@code VpsOverHttp}, {@code DomainsOverHttp}, …) can name the sandbox once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = WebTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration
public @interface OverHttp {

    /** The sandbox the API is wired to: {@link CloudflareSandbox}, {@link HetznerSandbox}, {@link OciSandbox}, … */
    @AliasFor(annotation = ContextConfiguration.class, attribute = "initializers")
    Class<? extends ApplicationContextInitializer<?>>[] value();
}
