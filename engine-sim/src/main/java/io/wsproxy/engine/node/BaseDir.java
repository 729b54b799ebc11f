package io.wsproxy.engine.node;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The files of one node (DESIGN.md section 2). */
public record BaseDir(Path root) {
    public Path cnf() {
        return root.resolve("memsql.cnf");
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path tracelogs() {
        return root.resolve("tracelogs");
    }

    public Path memsqlLog() {
        return tracelogs().resolve("memsql.log");
    }

    public Path proxyLog() {
        return tracelogs().resolve("websocket_proxy.log");
    }

    public Path defaultSocket() {
        return root.resolve("memsql.sock");
    }

    /** Creates the base directory (mode 0700: it holds the users and sockets), data/ and tracelogs/. */
    void create() throws IOException {
        if (!Files.exists(root)) {
            Files.createDirectories(root.getParent());
            try {
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // made meanwhile: SocketDir checks what it is
            }
        }
        Files.createDirectories(data());
        Files.createDirectories(tracelogs());
    }
}
