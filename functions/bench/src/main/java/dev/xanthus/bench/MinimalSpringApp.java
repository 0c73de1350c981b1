package dev.xanthus.bench;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Baseline: the smallest Spring Boot app a serverless-java-container archetype gives, with one route. */
@SpringBootApplication
@RestController
public class MinimalSpringApp {

    @GetMapping("/ping")
    Map<String, String> ping() {
        return Map.of("pong", "Hello, World!");
    }
}
