package dev.xanthus.sandbox.releases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The source archives of GitHub release tags a sandbox server can download ({@code codeload.github.com/<owner>/<repo>/
 * tar.gz/refs/tags/<tag>}, answered by the servers' curl shim): per repository a {@code tree/} to pack and the
 * {@code tags} that exist, which are the releases {@link ReleasesSimulator} publishes.
 */
public final class GithubArchives {

    /** The files of each repository's stand-in tree (resources under {@code github/<owner>/<repo>/}). */
    static final Map<String, List<String>> TREES = Map.of(
            "chrishham/xanthus",
            List.of(
                    "README.md",
                    "charts/xanthus-platform/Chart.yaml",
                    "charts/xanthus-platform/values.yaml",
                    "charts/xanthus-platform/templates/deployment.yaml"));

    private GithubArchives() {}

    /** Writes {@code <dir>/<owner>/<repo>/tree/…} and {@code <dir>/<owner>/<repo>/tags} (one {@code v<version>} a line). */
    public static void layOut(Path dir) {
        try {
            for (Map.Entry<String, List<String>> repo : TREES.entrySet()) {
                Path base = dir.resolve(repo.getKey());
                for (String file : repo.getValue()) {
                    Path target = base.resolve("tree").resolve(file);
                    Files.createDirectories(target.getParent());
                    try (InputStream in =
                            GithubArchives.class.getResourceAsStream("github/" + repo.getKey() + "/" + file)) {
                        if (in == null) {
                            throw new IllegalStateException("missing archive resource " + repo.getKey() + "/" + file);
                        }
                        Files.copy(in, target);
                    }
                }
                Files.write(
                        base.resolve("tags"),
                        ReleasesSimulator.GITHUB.get(repo.getKey()).stream()
                                .map(v -> "v" + v)
                                .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the GitHub archives in " + dir, e);
        }
    }
}
