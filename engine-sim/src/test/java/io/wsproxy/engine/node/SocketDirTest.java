package io.wsproxy.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.engine.testing.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where socket files go: only directories the node owns with mode 0700, checked. */
class SocketDirTest {
    private static final Logger LOG = LoggerFactory.getLogger(SocketDirTest.class);

    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** A directory whose socket paths are too long: 100 bytes before the file name. */
    private Path deep(Path under) throws IOException {
        Path p = under.resolve("d".repeat(Math.max(1, 100 - under.toString().length())));
        return Files.createDirectories(p);
    }

    @Test
    void aBaseDirectoryThatFitsHoldsTheSocketsAndIsTightenedTo0700() throws Exception {
        Path base = Files.createDirectory(tmp.resolve("base"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        try (SocketDir dir = SocketDir.choose(base, tmp, LOG)) {
            assertThat(dir.path()).isEqualTo(base);
            assertThat(dir.resolve("proxy-1.sock")).isEqualTo(base.resolve("proxy-1.sock"));
        }
        assertThat(mode(base)).isEqualTo("rwx------");
    }

    @Test
    void aDeepBaseDirectoryGetsAFreshPrivateDirectoryWithARandomName() throws Exception {
        Path base = deep(tmp);
        Path scratch = Files.createDirectory(tmp.resolve("t"));

        try (SocketDir first = SocketDir.choose(base, scratch, LOG); SocketDir second = SocketDir.choose(base, scratch, LOG)) {
            assertThat(first.path()).isNotEqualTo(base).hasParent(scratch);
            assertThat(first.path().getFileName().toString()).startsWith("wsproxy-");
            assertThat(second.path()).as("not predictable").isNotEqualTo(first.path());
            assertThat(mode(first.path())).isEqualTo("rwx------");
            assertThat(SocketDir.fits(first.resolve("proxy-9223372036854775807.sock"))).isTrue();
        }
        try (var left = Files.list(scratch)) {
            assertThat(left).as("removed at close").isEmpty();
        }
    }

    @Test
    void whenEvenTheTempDirectoryIsTooDeepTheNodeDoesNotStartAndSaysWhatToDo() throws Exception {
        Path base = deep(tmp);
        Path deepTmp = deep(Files.createDirectory(tmp.resolve("t")));

        assertThatThrownBy(() -> SocketDir.choose(base, deepTmp, LOG))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(base.toString())
                .hasMessageContaining("longer than 107 bytes")
                .hasMessageContaining("shorter --base-dir")
                .hasMessageContaining("java.io.tmpdir");
        try (var left = Files.list(deepTmp)) {
            assertThat(left).as("no directory left behind").isEmpty();
        }
    }

    @Test
    void aConfiguredSocketInADirectoryOthersCanWriteIsRefused() throws Exception {
        Path base = Files.createDirectory(tmp.resolve("base"));
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        try (SocketDir dir = SocketDir.choose(base, tmp, LOG)) {
            assertThatThrownBy(() -> dir.place(shared.resolve("mysql.sock"), LOG))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(shared + " has mode rwxrwxrwx")
                    .hasMessageContaining("chmod 700");
        }
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        Path foreign;
        if (SocketDir.ownUid() == 0) {
            foreign = Files.createDirectory(tmp.resolve("foreign"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.setAttribute(foreign, "unix:uid", 65534);
        } else {
            foreign = Path.of("/"); // root's
        }
        Path checked = foreign;
        assertThatThrownBy(() -> SocketDir.requirePrivate(checked))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("belongs to uid")
                .hasMessageContaining("not to this node's user");
    }

    @Test
    void aSymbolicLinkToAPrivateDirectoryIsRefused() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        assertThatThrownBy(() -> SocketDir.requirePrivate(link))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void aNodeWithADeepBaseDirectoryListensInAPrivateDirectoryAndRemovesItAtClose() throws Exception {
        Path base = deep(tmp).resolve("node");
        Path sockets;
        try (TestNode node = TestNode.start(base)) {
            Path socket = node.node().socketPath();
            sockets = socket.getParent();
            assertThat(socket).exists();
            assertThat(sockets).isNotEqualTo(base);
            assertThat(mode(sockets)).isEqualTo("rwx------");
            assertThat(node.node().proxySockets().open(7)).hasParent(sockets).exists();
            assertThat(mode(base)).as("a new base directory is private").isEqualTo("rwx------");
        }
        assertThat(sockets).doesNotExist();
    }
}
