package dev.xanthus.api.function;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Every route group in one context: what the local stack runs as a plain web server. */
@Configuration(proxyBeanMethods = false)
@Import({AuthFunction.class, VpsFunction.class, DnsFunction.class, ApplicationsFunction.class, TerminalFunction.class})
public class AllFunctions {}
