package dev.xanthus.clients.hetzner;

import java.util.List;

/** The answer to a create: the server, the create action, the actions that follow it, and a root password if any. */
public record CreatedServer(Server server, Action action, List<Action> nextActions, String rootPassword) {

    @Override
    public String toString() {
        return "CreatedServer[server=" + server + ", action=" + action + ", nextActions=" + nextActions
                + ", rootPassword=" + (rootPassword == null ? "null" : "<redacted>") + "]";
    }
}
