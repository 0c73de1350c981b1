package dev.xanthus.relay;

import dev.xanthus.core.terminal.TerminalSessionRepository;
import dev.xanthus.core.terminal.TicketRepository;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** What the handlers and sessions share: settings, stores, the SSH connector and the threads for blocking work. */
record RelayContext(
        RelayConfig config,
        TicketRepository tickets,
        TerminalSessionRepository sessions,
        RecordingStore recordings,
        SshConnector connector,
        SessionRegistry registry,
        ExecutorService blocking,
        ScheduledExecutorService scheduler) {}
