package dev.xanthus.core.app;

import java.util.Optional;

/**
 * Where one app type keeps its password — the strategy behind {@link
 * dev.xanthus.core.app.catalog.Capability#PASSWORD}. Each method runs with an SSH session on the app's server; what a
 * method returns as "to store" goes into KV {@code app:<id>:password} (sealed, as the Go program stored it).
 */
interface AppPasswords {

    /** The app type ({@code catalog/<id>.yaml}) this strategy is for. */
    String appType();

    /** Whether KV's copy, when there is one, is the current password (then no SSH is needed to show it). */
    boolean storedCopyIsCurrent();

    /** The current password as the server has it. */
    String readFromServer(AppRemote remote, Application app);

    /** Sets {@code password} on the server; the value to store in KV, or empty when the server's copy is the truth. */
    Optional<String> change(AppRemote remote, Application app, String password);

    /** Right after a deploy: the generated password to store in KV, or empty. */
    Optional<String> afterDeploy(AppRemote remote, Application app);
}
