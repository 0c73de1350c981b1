package dev.xanthus.core.server;

import dev.xanthus.core.auth.Principal;

/** The account's SSH key as users see it: the public line, and the private PEM for their own terminal. */
public final class ServerKeys {

    private ServerKeys() {}

    public static String publicKey(Principal principal) {
        return ServerService.accountKey(principal).publicKeyLine() + " xanthus";
    }

    public static String privateKeyPem(Principal principal) {
        return ServerService.accountKey(principal).privateKeyPem();
    }
}
