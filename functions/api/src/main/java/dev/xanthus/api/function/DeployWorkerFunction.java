package dev.xanthus.api.function;

import dev.xanthus.api.apps.ApplicationsBeans;
import dev.xanthus.api.support.CoreBeans;
import dev.xanthus.api.vps.OciBeans;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The deploy worker's context: no web layer, only what runs jobs. */
@Configuration(proxyBeanMethods = false)
@Import({CoreBeans.class, ApplicationsBeans.class, OciBeans.class})
public class DeployWorkerFunction {}
