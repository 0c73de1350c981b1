package dev.xanthus.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the built single-page app at {@code /}: real files as they are, any other non-API path as
 * {@code index.html} so client-side routes survive a reload. API paths never fall back: they stay JSON 404s.
 */
final class FrontendConfig implements WebMvcConfigurer {

    private final Path dir;

    FrontendConfig(Path dir) {
        this.dir = dir;
    }

    static boolean available(Path dir) {
        return Files.isRegularFile(dir.resolve("index.html"));
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // The resource handler resolves nothing for an empty path, so "/" is forwarded to the page itself.
        registry.addViewController("/").setViewName("forward:/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**")
                .addResourceLocations(new FileSystemResource(dir.toString() + "/"))
                .resourceChain(false)
                .addResolver(new PathResourceResolver() {
                    @Override
                    protected Resource getResource(String resourcePath, Resource location) throws IOException {
                        Resource file = super.getResource(resourcePath, location);
                        if (file != null) {
                            return file;
                        }
                        if (resourcePath.startsWith("api/")
                                || resourcePath.startsWith("ws/")
                                || resourcePath.equals("health")) {
                            return null;
                        }
                        return new FileSystemResource(dir.resolve("index.html"));
                    }
                });
    }
}
