package dev.xanthus.api.function;

import dev.xanthus.api.dns.DnsBeans;
import dev.xanthus.api.dns.DnsController;
import dev.xanthus.api.support.WebSupport;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The dns function's Spring context: its controllers and the shared web layer, nothing else. */
@Configuration(proxyBeanMethods = false)
@Import({WebSupport.class, DnsBeans.class, DnsController.class})
public class DnsFunction {}
