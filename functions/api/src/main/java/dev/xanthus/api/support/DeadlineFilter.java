package dev.xanthus.api.support;

import dev.xanthus.clients.http.Deadline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@link Deadline}: provider calls made for it (on this thread or the provider pools) stop when
 * it passes, and the request answers {@code 504 DEADLINE_EXCEEDED} instead of outliving API Gateway's 30 s.
 * {@code xanthus.request-deadline} (default 24 s) leaves room to write the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class DeadlineFilter extends OncePerRequestFilter {

    public static final String PROPERTY = "xanthus.request-deadline";
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(24);

    private final Duration budget;

    public DeadlineFilter(Environment environment) {
        this.budget = environment.getProperty(PROPERTY, Duration.class, DEFAULT_BUDGET);
    }

    public Duration budget() {
        return budget;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (Deadline.Scope scope = Deadline.start(budget)) {
            chain.doFilter(request, response);
        }
    }
}
