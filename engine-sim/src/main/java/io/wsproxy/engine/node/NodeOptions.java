package io.wsproxy.engine.node;

import java.nio.file.Path;

/**
 * How to start one node.
 *
 * @param baseDir      the node's directory (memsql.cnf, data/, tracelogs/)
 * @param port         TCP port overriding memsql.cnf; 0 for an ephemeral port; null to use memsql.cnf
 * @param rootPassword root's password when the node is created; ignored once users exist
 */
public record NodeOptions(Path baseDir, Integer port, String rootPassword) {
    public NodeOptions {
        if (baseDir == null) {
            throw new IllegalArgumentException("baseDir is required");
        }
        baseDir = baseDir.toAbsolutePath().normalize();
        rootPassword = rootPassword == null ? "" : rootPassword;
    }
}
