package io.wsproxy.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel's table of listening TCP sockets ({@code /proc/net/tcp} and {@code tcp6}), by port.
 *
 * <p>Why: RESTART PROXY must not return while an old listener still accepts (I1), and when the
 * new listener shares the old one's port (SO_REUSEPORT, a protocol switch), connecting to the
 * port cannot tell them apart. Vert.x offers no "listener closed" signal, so the launcher notes
 * the socket inodes a listener adds to this table when it binds, and waits for exactly those to
 * leave it. Without {@code /proc} (not Linux) the table reads as empty and nobody waits.
 */
final class ListenSockets {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";

    private ListenSockets() {
    }

    /** The inodes of the sockets listening on {@code port}, any address. */
    static Set<Long> on(int port) {
        Set<Long> inodes = new HashSet<>();
        for (Path table : TABLES) {
            try (Stream<String> lines = Files.lines(table)) {
                lines.skip(1).forEach(line -> {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && LISTEN.equals(f[3]) && portOf(f[1]) == port) {
                        inodes.add(Long.parseLong(f[9]));
                    }
                });
            } catch (IOException | RuntimeException unreadable) {
                // not Linux, or no IPv6: nothing listed
            }
        }
        return inodes;
    }

    /**
     * Waits until none of {@code inodes} listens on {@code port}; false at the deadline. Polls: the
     * kernel tells no one when a listener is gone. Runs on the launcher's own thread (never an
     * event loop, never under the ProxyManager's loop), a few milliseconds in the usual case.
     */
    static boolean awaitClosed(int port, Set<Long> inodes, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            Set<Long> open = on(port);
            open.retainAll(inodes);
            if (open.isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
    }

    private static int portOf(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.lastIndexOf(':') + 1), 16);
    }
}
