package io.wsproxy.engine.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code <base>/data/node.json}: the node's role and cluster (DESIGN.md section 2: roles live in
 * node metadata, not memsql.cnf). It holds the cluster's credentials, so it is readable by the
 * node's user only, and it is replaced atomically so that a crash never leaves half a file.
 */
public final class NodeMetadata {
    public static final String FILE_NAME = "node.json";

    private NodeMetadata() {
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The stored state; a new node's ({@link ClusterState#standalone()}) when there is none. */
    public static ClusterState load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return ClusterState.standalone();
        }
        try {
            return ClusterJson.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException("node metadata " + file + " is corrupt: " + e.getMessage());
        }
    }

    public static void store(Path file, ClusterState state) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".node", ".tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, ClusterJson.write(state), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
