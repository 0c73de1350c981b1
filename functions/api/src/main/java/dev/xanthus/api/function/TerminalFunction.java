package dev.xanthus.api.function;

import dev.xanthus.api.support.WebSupport;
import dev.xanthus.api.terminal.TerminalBeans;
import dev.xanthus.api.terminal.TerminalController;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The terminal function's Spring context: its controllers and the shared web layer, nothing else. */
@Configuration(proxyBeanMethods = false)
@Import({WebSupport.class, TerminalBeans.class, TerminalController.class})
public class TerminalFunction {}
