package dev.xanthus.local;

import dev.xanthus.api.support.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The local stack's edge, standing in for CloudFront: the same security headers on every answer (site and API), and
 * Tomcat's own error answers in JSON.
 *
 * @param headers the headers by name, from {@link SecurityHeaders}
 */
record SiteSecurity(Map<String, String> headers) {

    /**
     * The policy for a site served from {@code frontendDir} (its inline scripts' hashes; none when there is no site) that
     * opens terminals on the relay at {@code relayOrigin}, which listens on a port of its own here.
     */
    static SiteSecurity of(Path frontendDir, String relayOrigin) {
        List<String> hashes =
                FrontendConfig.available(frontendDir) ? SecurityHeaders.inlineScriptHashes(frontendDir) : List.of();
        return new SiteSecurity(
                SecurityHeaders.headers(SecurityHeaders.contentSecurityPolicy(List.of(relayOrigin), hashes)));
    }

    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                headers.forEach(response::setHeader);
                chain.doFilter(request, response);
            }
        };
    }

    /**
     * Replaces the host's error report valve. Naming our class as the host's valve class keeps Tomcat from adding its
     * stock one beside it when the host starts.
     */
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcat() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            host.getPipeline().addValve(new JsonErrorReportValve(headers));
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
        });
    }
}
