package dev.xanthus.local;

import dev.xanthus.core.auth.JwtKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The git-ignored folder where the local stack keeps what must survive a restart: DynamoDB data, the JWT signing key
 * and the data key (both generated on first start, readable by the owner only), the sandbox OCI API key.
 */
final class StateDir {

    private final Path root;

    StateDir(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LocalStackException("cannot create the state folder " + root + ": " + e.getMessage());
        }
    }

    Path dynamoData() {
        return root.resolve("dynamodb");
    }

    Path recordings() {
        return root.resolve("recordings");
    }

    Path sandboxServers() {
        return root.resolve("sandbox-servers");
    }

    /** The sandbox OCI API key, its public half and an OCI CLI style config naming tenancy, user, fingerprint. */
    Path ociSandbox() {
        return root.resolve("oci-sandbox");
    }

    /** The OCI simulator's instances' sandbox servers (apart from Hetzner's). */
    Path ociSandboxServers() {
        return ociSandbox().resolve("servers");
    }

    String jwtPrivateJwk() {
        return secret("jwt-key.jwk", () -> JwtKeys.generate().toJSONString());
    }

    String dataKey() {
        return secret("data-key", () -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        });
    }

    private String secret(String name, Supplier<String> generate) {
        Path file = root.resolve(name);
        try {
            if (!Files.exists(file)) {
                Path tmp = Files.createTempFile(
                        root,
                        name,
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, generate.get());
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
