import com.sun.net.httpserver.HttpServer;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.core.terminal.TerminalSessionRepository;
import dev.xanthus.core.terminal.TerminalTicket;
import dev.xanthus.core.terminal.TicketRepository;
import dev.xanthus.relay.LocalRecordingStore;
import dev.xanthus.relay.RelayConfig;
import dev.xanthus.relay.TerminalRelay;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Benchmark launcher (not shipped): the relay over dynalite, plus GET /ticket minting tickets for the bench sshd. */
public final class BenchRelay {
  public static void main(String[] a) throws Exception {
    String dynamo = a[0];
    int sshPort = Integer.parseInt(a[1]);
    String key = Files.readString(Path.of(a[2]));
    String fingerprint = a[3];
    int relayPort = Integer.parseInt(a[4]);
    int ticketPort = Integer.parseInt(a[5]);
    byte[] dataKey = new byte[32];
    new SecureRandom().nextBytes(dataKey);
    Map<String, String> env = new HashMap<>();
    env.put("DYNAMODB_ENDPOINT", dynamo);
    env.put("TABLE_NAME", "xanthus-bench");
    env.put("DATA_KEY", Base64.getEncoder().encodeToString(dataKey));
    env.put("JWT_PRIVATE_JWK", "unused");
    env.put("RELAY_PORT", Integer.toString(relayPort));
    env.put("RELAY_MAX_SESSIONS_PER_ACCOUNT", "5000");
    env.put("RELAY_RECORDINGS_DIR", Files.createTempDirectory("bench-rec").toString());
    // RELAY_* from the bench's own environment override the above (experiments with intervals and limits)
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("RELAY_")) {
        env.put(k, v);
      }
    });
    AppConfig app = AppConfig.from(env);
    var client = Dynamo.client(app);
    TableSetup.ensure(client, app.tableName());
    Clock clock = Clock.systemUTC();
    TicketRepository tickets = new TicketRepository(client, app.tableName(), new SecretBox(dataKey), clock);
    RelayConfig config = RelayConfig.from(env);
    TerminalRelay relay = new TerminalRelay(config, tickets,
        new TerminalSessionRepository(client, app.tableName(), clock), new LocalRecordingStore(config.recordingsDir()));
    relay.start();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", ticketPort), 100);
    http.createContext("/ticket", ex -> {
      String id = UUID.randomUUID().toString().replace("-", "");
      String t = tickets.issue(new TerminalTicket(id, "acc-bench", "srv-bench", "127.0.0.1", sshPort, "root", key,
          fingerprint, 80, 30, false, null));
      byte[] body = ("{\"sessionId\":\"" + id + "\",\"ticket\":\"" + t + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    http.start();
    Runtime.getRuntime().addShutdownHook(new Thread(relay::close));
    System.out.println("READY " + relayPort);
    Thread.currentThread().join();
  }
}
