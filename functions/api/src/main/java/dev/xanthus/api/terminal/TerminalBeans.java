package dev.xanthus.api.terminal;

import dev.xanthus.api.vps.ServerAccessBeans;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.server.ServerAccess;
import dev.xanthus.core.terminal.TerminalService;
import dev.xanthus.core.terminal.TerminalSessionRepository;
import dev.xanthus.core.terminal.TicketRepository;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The terminal function's services: tickets and session state in DynamoDB, SSH access to pin host keys. */
@Configuration(proxyBeanMethods = false)
@Import(ServerAccessBeans.class)
public class TerminalBeans {

    @Bean
    TerminalService terminalService(
            ServerAccess servers, DynamoDbClient dynamo, AppConfig config, SecretBox box, Clock clock) {
        return new TerminalService(
                servers,
                new TicketRepository(dynamo, config.tableName(), box, clock),
                new TerminalSessionRepository(dynamo, config.tableName(), clock),
                config.relayPublicUrl(),
                config.terminalLiveLimit(),
                config.recordingsDir(),
                clock);
    }
}
