package dev.xanthus.core.app;

import java.util.Optional;

/** code-server keeps its password in its own config file on the server, which is therefore the only copy. */
final class CodeServerPasswords implements AppPasswords {

    @Override
    public String appType() {
        return "code-server";
    }

    @Override
    public boolean storedCopyIsCurrent() {
        return false;
    }

    @Override
    public String readFromServer(AppRemote remote, Application app) {
        return remote.codeServerPassword(app);
    }

    @Override
    public Optional<String> change(AppRemote remote, Application app, String password) {
        remote.setCodeServerPassword(app, password);
        return Optional.empty();
    }

    @Override
    public Optional<String> afterDeploy(AppRemote remote, Application app) {
        // the chart generated it into the config: reading it once proves the file is there before the deploy succeeds
        remote.codeServerPassword(app);
        return Optional.empty();
    }
}
