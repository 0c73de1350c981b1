package dev.xanthus.sandbox.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import org.junit.jupiter.api.Test;

class DynaliteTest {

  @Test
  void start_shouldListenOnAFreePort_andStopOnClose() throws Exception {
    Dynalite dynalite = Dynalite.startInMemory();
    int port = dynalite.port();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertThat(socket.isConnected()).isTrue();
    }
    dynalite.close();
    assertThat(dynalite.isAlive()).isFalse();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void start_shouldRefuse_whenPortIsTaken() {
    try (Dynalite first = Dynalite.startInMemory()) {
      assertThatThrownBy(() -> Dynalite.start("127.0.0.1", first.port(), null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port taken");
    }
  }
}
