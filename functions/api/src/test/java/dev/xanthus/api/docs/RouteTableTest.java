package dev.xanthus.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.api.support.JsonErrorController;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.ErrorProbeController;
import dev.xanthus.api.testing.OverHttp;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document and the controllers describe exactly the same routes. */
@OverHttp(CloudflareSandbox.class)
class RouteTableTest {

    @Autowired
    RequestMappingHandlerMapping mapping;

    @Test
    void controllers_shouldMatchTheDocument_bothWays() {
        Set<String> fromControllers = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, method) -> {
            Class<?> type = method.getBeanType();
            if (type == ErrorProbeController.class || type == JsonErrorController.class) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(m -> fromControllers.add(m.name() + " " + pattern));
            }
        });
        Set<String> fromDocument = new TreeSet<>();
        RouteTable.load().forEach(r -> fromDocument.add(r.routeKey()));

        assertThat(fromControllers).isEqualTo(fromDocument);
    }
}
