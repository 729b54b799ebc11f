package io.wsproxy.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each node's tracelogs/memsql.log and websocket_proxy.log, as engine-sim's logback.xml routes
 * them: several nodes in one JVM each write their own files, closed when the node closes.
 */
class NodeLogsTest {
    @TempDir
    Path tmp;

    private BaseDir node(String name) throws IOException {
        BaseDir dir = new BaseDir(tmp.resolve(name));
        dir.create();
        return dir;
    }

    private static List<Path> openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd; // closed meanwhile
                }
            }).toList();
        }
    }

    @Test
    void twoNodesInOneJvmWriteTheirOwnFilesInTheirOwnFormat() throws Exception {
        BaseDir a = node("a");
        BaseDir b = node("b");
        try (NodeLogs logsA = NodeLogs.open(a); NodeLogs logsB = NodeLogs.open(b)) {
            logsA.engine().info("engine of a");
            logsA.proxy().warn("proxy of a");
            logsB.engine().info("engine of b");
            logsB.engine().debug("below INFO: not written");
        }

        assertThat(Files.readAllLines(a.memsqlLog())).first().asString()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^]]+] engine of a");
        assertThat(Files.readString(a.proxyLog())).contains("WARN  [").contains("proxy of a").doesNotContain("engine");
        assertThat(Files.readString(b.memsqlLog())).contains("engine of b").doesNotContain("of a")
                .doesNotContain("below INFO");
        assertThat(b.proxyLog()).as("b's proxy never logged").satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(Files.readString(p)).doesNotContain("proxy of a"));
    }

    @Test
    void closingANodesLogsClosesItsFiles() throws Exception {
        BaseDir c = node("c");
        NodeLogs logs = NodeLogs.open(c);
        logs.engine().info("open");
        logs.proxy().info("open");
        assertThat(openFiles()).contains(c.memsqlLog().toRealPath(), c.proxyLog().toRealPath());

        logs.close();

        assertThat(openFiles()).doesNotContain(c.memsqlLog().toRealPath(), c.proxyLog().toRealPath());
    }
}
