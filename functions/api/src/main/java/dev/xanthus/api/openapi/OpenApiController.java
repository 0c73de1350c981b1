package dev.xanthus.api.openapi;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the OpenAPI document, the one route table that SAM, CDK and the frontend are checked against. */
@RestController
public class OpenApiController {

    /** The document's classpath name; {@code docs.RouteTable} parses the same one. */
    public static final String RESOURCE = "openapi.yaml";

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @GetMapping("/api/openapi.yaml")
    ResponseEntity<Resource> document() {
        return ResponseEntity.ok().contentType(YAML).body(new ClassPathResource(RESOURCE));
    }
}
