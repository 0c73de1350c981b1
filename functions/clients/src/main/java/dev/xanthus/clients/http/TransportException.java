package dev.xanthus.clients.http;

import java.io.IOException;

/** The provider could not be reached or dropped the connection, after every allowed attempt. */
public final class TransportException extends RuntimeException {

  public TransportException(String request, IOException cause) {
    super(request + " failed: " + cause.getClass().getSimpleName(), cause);
  }
}
