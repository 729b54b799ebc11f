package io.wsproxy.engine.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The directory that holds the node's Unix socket files. A socket's directory decides who can
 * put another socket in its place: in a directory another user can write to, that user could
 * answer the proxy's connections and take the credentials it passes on. So sockets go only into
 * a directory this process's user owns, with mode 0700, checked (lstat: owner, mode, not a
 * symbolic link) rather than assumed. That is the base directory when its socket paths fit in
 * sun_path, else a fresh directory under the system temp dir with a random name, created 0700
 * and removed at close; if even that path is too long, the node does not start.
 */
public final class SocketDir implements AutoCloseable {
    /** sun_path is 108 bytes on Linux, one of them the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;
    /** The longest socket file name the node makes: a proxy socket of the last generation. */
    private static final String LONGEST_NAME = "proxy-" + Long.MAX_VALUE + ".sock";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final boolean temporary;

    private SocketDir(Path dir, boolean temporary) {
        this.dir = dir;
        this.temporary = temporary;
    }

    /**
     * The base directory when its socket paths fit, else a fresh private one under {@code tmp}. The
     * base directory is made private either way (tightened to 0700 if looser: it is the node's own,
     * and holds its users): a configured socket may still go there.
     *
     * @throws IOException naming the path and what to do, when no private directory fits or one is
     *                     not the node's
     */
    static SocketDir choose(Path base, Path tmp, Logger log) throws IOException {
        makePrivate(base, log);
        if (fits(base.resolve(LONGEST_NAME))) {
            return new SocketDir(base, false);
        }
        Path fresh = Files.createTempDirectory(tmp, "wsproxy-", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            requirePrivate(fresh);
            if (!fits(fresh.resolve(LONGEST_NAME))) {
                throw new IOException("socket paths under " + base + " and under the temp directory " + tmp
                        + " are longer than " + MAX_SOCKET_PATH_BYTES + " bytes (" + bytes(fresh.resolve(LONGEST_NAME))
                        + " for " + fresh.resolve(LONGEST_NAME) + "): use a shorter --base-dir, or a shorter temp"
                        + " directory (-Djava.io.tmpdir=/some/short/dir)");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(fresh);
            throw e;
        }
        log.warn("socket paths under {} would be longer than {} bytes; the node's sockets are in {} (mode 0700)",
                base, MAX_SOCKET_PATH_BYTES, fresh);
        return new SocketDir(fresh, true);
    }

    /**
     * A configured socket path ({@code socket = ...}): as given, when it fits and its directory is
     * private to the node; here, under its file name, when it is too long.
     */
    Path place(Path wanted, Logger log) throws IOException {
        if (!fits(wanted)) {
            Path moved = resolve(wanted.getFileName().toString());
            log.warn("socket path {} is longer than {} bytes; listening on {} instead", wanted,
                    MAX_SOCKET_PATH_BYTES, moved);
            return moved;
        }
        Path parent = wanted.toAbsolutePath().getParent();
        if (!parent.equals(dir)) {
            requirePrivate(parent);
        }
        return wanted;
    }

    public Path resolve(String socketName) {
        return dir.resolve(socketName);
    }

    public Path path() {
        return dir;
    }

    static boolean fits(Path socket) {
        return bytes(socket) <= MAX_SOCKET_PATH_BYTES;
    }

    private static int bytes(Path socket) {
        return socket.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static void makePrivate(Path dir, Logger log) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isDirectory() && owner(dir) == ownUid() && !attributes.permissions().equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            log.warn("{} was mode {}; now 0700, as it holds the node's socket files", dir,
                    PosixFilePermissions.toString(attributes.permissions()));
        }
        requirePrivate(dir);
    }

    /** Owned by this process's user, mode 0700, a directory and not a link to one. */
    static void requirePrivate(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new IOException(dir + " is not a directory (a symbolic link?): socket files go only in a"
                    + " directory the node owns with mode 0700");
        }
        int owner = owner(dir);
        if (owner != ownUid()) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to this node's user (uid " + ownUid()
                    + "): socket files go only in a directory the node owns with mode 0700; choose another"
                    + " --base-dir or socket path");
        }
        if (!attributes.permissions().equals(OWNER_ONLY)) {
            throw new IOException(dir + " has mode " + PosixFilePermissions.toString(attributes.permissions())
                    + ": socket files go only in a directory with mode 0700 (chmod 700 " + dir + ")");
        }
    }

    private static int owner(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /** Removes a temporary directory once its sockets are gone. */
    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                // a socket still open elsewhere keeps it; the temp dir's cleaner will have it
            } catch (IOException ignored) {
                // nothing more to do at shutdown
            }
        }
    }
}
