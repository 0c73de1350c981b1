package dev.xanthus.relay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Recordings as files {@code <dir>/<accountId>/<sessionId>.cast}. */
public final class LocalRecordingStore implements RecordingStore {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final Path dir;

    public LocalRecordingStore(Path dir) {
        this.dir = dir;
    }

    public Path path(String accountId, String sessionId) {
        if (!SAFE.matcher(accountId).matches() || !SAFE.matcher(sessionId).matches() || accountId.startsWith(".")) {
            throw new IllegalArgumentException("unsafe recording name");
        }
        return dir.resolve(accountId).resolve(sessionId + ".cast");
    }

    @Override
    public OutputStream create(String accountId, String sessionId) throws IOException {
        Path file = path(accountId, sessionId);
        Files.createDirectories(file.getParent());
        return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }
}
