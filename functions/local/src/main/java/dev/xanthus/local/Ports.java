package dev.xanthus.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks up front that every port is free, so a clash is one clear message instead of a half-started stack. */
final class Ports {

    private Ports() {}

    static void requireFree(String host, int port, String variable) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new LocalStackException("port " + port + " on " + host
                    + " is already in use; stop what holds it or set " + variable + " to another port");
        }
    }
}
