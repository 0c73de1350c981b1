package dev.xanthus.clients.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * The provider could not be reached or dropped the connection, after every allowed attempt. {@link #kind()} says how,
 * so a user can be told "cannot reach api.cloudflare.com: the name does not resolve" rather than "try again".
 */
public final class TransportException extends RuntimeException {

    /** How the connection failed, as far as the JDK tells. */
    public enum Kind {
        /** The host name does not resolve (no DNS, no network, a typo in a base URL). */
        DNS("the name does not resolve"),
        /** Nothing listens there, or a firewall refused (connection refused, no route). */
        REFUSED("the connection was refused"),
        /** TLS failed: an intercepting proxy, a wrong clock, a certificate the JDK does not trust. */
        TLS("the TLS handshake failed"),
        /** No connection or no answer within our time limits. */
        TIMEOUT("it did not answer in time"),
        /** The connection closed without an answer (reset, or the answer was lost). */
        DROPPED("the connection closed without an answer"),
        INTERRUPTED("the call was interrupted");

        private final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    private final Kind kind;
    private final String host;

    public TransportException(String request, IOException cause) {
        this(request, null, cause);
    }

    public TransportException(String request, URI uri, IOException cause) {
        super(request + " failed: " + cause.getClass().getSimpleName(), cause);
        this.kind = classify(cause);
        this.host = uri == null ? null : uri.getHost();
    }

    public Kind kind() {
        return kind;
    }

    /** The host that could not be reached; null when unknown. */
    public String host() {
        return host;
    }

    /**
     * E.g. {@code cannot reach api.cloudflare.com: the name does not resolve}, or for a connection that was made,
     * {@code api.cloudflare.com closed the connection without an answer} (no secret, no path).
     */
    public String reason() {
        String where = host == null ? "the provider" : host;
        return switch (kind) {
            case DROPPED -> where + " closed the connection without an answer";
            case INTERRUPTED -> "the call to " + where + " was interrupted";
            default -> "cannot reach " + where + ": " + kind.phrase();
        };
    }

    static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return Kind.DNS;
            }
            if (t instanceof SSLException) {
                return Kind.TLS;
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
                return Kind.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                // the JDK's HTTP client reports an unresolvable name as a ConnectException caused by
                // UnresolvedAddressException
                Kind deeper = t.getCause() == null ? null : classify(t.getCause());
                return deeper == Kind.DNS ? Kind.DNS : Kind.REFUSED;
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return Kind.TIMEOUT;
            }
            if (t instanceof InterruptedIOException) {
                return Kind.INTERRUPTED;
            }
        }
        return Kind.DROPPED;
    }
}
