package dev.xanthus.relay;

import java.io.IOException;
import java.io.OutputStream;

/** Where session recordings (asciicast v2) go: a local folder now, object storage in the cloud. */
public interface RecordingStore {

    /** A stream for the recording of one session; closing it completes the recording. */
    OutputStream create(String accountId, String sessionId) throws IOException;
}
