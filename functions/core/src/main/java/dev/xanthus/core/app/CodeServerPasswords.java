package dev.xanthus.core.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.xanthus.core.app.catalog.ValuesRenderer;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.AppCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** code-server keeps its password in its own config file on the server, which is therefore the only copy. */
final class CodeServerPasswords implements AppPasswords {

    /** Where the chart's code-server reads its config, on the volume. */
    static final String CONFIG = "/home/coder/.config/code-server/config.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
        return passwordOf(readConfig(remote, remote.pod(app), app));
    }

    /** Replaces the password line in the config (sent on standard input), then restarts code-server. */
    @Override
    public Optional<String> change(AppRemote remote, Application app, String password) {
        String pod = remote.pod(app);
        String text = withPassword(readConfig(remote, pod, app), password);
        remote.run(
                AppCommands.execWriteFromStdin(pod, app.namespace(), CONFIG),
                text.getBytes(StandardCharsets.UTF_8),
                "Writing the code-server config");
        remote.run(AppCommands.execRestartCodeServer(pod, app.namespace()), "Restarting code-server");
        return Optional.empty();
    }

    @Override
    public Optional<String> afterDeploy(AppRemote remote, Application app) {
        // the chart generated it into the config: reading it once proves the file is there before the deploy succeeds
        readFromServer(remote, app);
        return Optional.empty();
    }

    private static String readConfig(AppRemote remote, String pod, Application app) {
        return remote.run(AppCommands.execCat(pod, app.namespace(), CONFIG), "Reading the code-server config")
                .stdout();
    }

    /** The {@code password} of a code-server config, as SnakeYAML reads it. */
    static String passwordOf(String config) {
        try {
            JsonNode node = YAML.readTree(config);
            String password = node == null ? null : node.path("password").asText(null);
            if (password == null || password.isEmpty()) {
                throw new AppException.Upstream(
                        "PASSWORD_UNAVAILABLE", "code-server has no password in its config yet.", Map.of(), null);
            }
            return password;
        } catch (IOException e) {
            throw new AppException.Upstream(
                    "PASSWORD_UNAVAILABLE", "code-server's config is not readable YAML.", Map.of(), null);
        }
    }

    /** {@code config} with its {@code password:} line replaced (or added) by {@code password} as a quoted scalar. */
    static String withPassword(String config, String password) {
        StringBuilder updated = new StringBuilder();
        boolean replaced = false;
        for (String line : config.split("\n", -1)) {
            if (line.startsWith("password:")) {
                updated.append("password: ").append(ValuesRenderer.quote(password));
                replaced = true;
            } else {
                updated.append(line);
            }
            updated.append('\n');
        }
        String text = updated.toString().replaceAll("\n+$", "\n");
        if (!replaced) {
            text = text + "password: " + ValuesRenderer.quote(password) + "\n";
        }
        return text;
    }
}
