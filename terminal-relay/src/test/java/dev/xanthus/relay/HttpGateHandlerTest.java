package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HttpGateHandlerTest {

    private final AtomicBoolean draining = new AtomicBoolean();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(new HttpGateHandler(List.of("http://127.0.0.1:8080"), draining::get));

    private static FullHttpRequest get(String uri, String origin) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        if (origin != null) {
            req.headers().set(HttpHeaderNames.ORIGIN, origin);
        }
        return req;
    }

    private FullHttpResponse response() {
        FullHttpResponse res = channel.readOutbound();
        res.release();
        return res;
    }

    @Test
    void channelRead_shouldAnswer403_whenTheOriginIsForeign() {
        channel.writeInbound(get("/ws/terminal/abcdefgh1234", "https://evil.example"));

        assertThat(response().status().code()).isEqualTo(403);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void channelRead_shouldAnswer403_whenThereIsNoOrigin() {
        channel.writeInbound(get("/ws/terminal/abcdefgh1234", null));

        assertThat(response().status().code()).isEqualTo(403);
    }

    @Test
    void channelRead_shouldPassTheUpgradeOn_andRememberTheSessionId_whenTheOriginIsAllowed() {
        channel.writeInbound(get("/ws/terminal/abcdefgh1234", "http://127.0.0.1:8080"));

        FullHttpRequest passed = channel.readInbound();
        assertThat(passed.uri()).isEqualTo("/ws/terminal/abcdefgh1234");
        assertThat(channel.attr(HttpGateHandler.SESSION_ID).get()).isEqualTo("abcdefgh1234");
        passed.release();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void channelRead_shouldAnswer404_forOtherPathsAndMalformedIds() {
        channel.writeInbound(get("/ws/terminal/../etc", "http://127.0.0.1:8080"));
        assertThat(response().status().code()).isEqualTo(404);
    }

    @Test
    void healthz_shouldBe200_thenBe503_whileDraining() {
        channel.writeInbound(get("/healthz", null));
        assertThat(response().status().code()).isEqualTo(200);

        draining.set(true);
        channel.writeInbound(get("/healthz", null));
        assertThat(response().status().code()).isEqualTo(503);
    }
}
