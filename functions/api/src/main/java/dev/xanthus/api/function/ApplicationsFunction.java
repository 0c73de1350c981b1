package dev.xanthus.api.function;

import dev.xanthus.api.apps.ApplicationsBeans;
import dev.xanthus.api.apps.ApplicationsController;
import dev.xanthus.api.apps.CatalogController;
import dev.xanthus.api.jobs.JobsController;
import dev.xanthus.api.support.WebSupport;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The applications function's Spring context: its controllers and the shared web layer, nothing else. */
@Configuration(proxyBeanMethods = false)
@Import({
    WebSupport.class,
    ApplicationsBeans.class,
    CatalogController.class,
    JobsController.class,
    ApplicationsController.class
})
public class ApplicationsFunction {}
