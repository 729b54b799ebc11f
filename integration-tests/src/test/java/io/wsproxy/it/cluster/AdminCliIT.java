package io.wsproxy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.cluster.TestCluster.Node;
import io.wsproxy.it.control.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toolbox on bad input: one clear line on stderr, a non-zero exit, and not one file changed.
 * And the prompt of start-node when memsql.cnf sets both proxy ports (I3).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AdminCliIT {
    @TempDir
    Path dir;
    AdminCli admin;
    String id;

    @BeforeEach
    void oneCreatedNode() throws Exception {
        admin = new AdminCli(dir.resolve("registry.json"));
        id = admin.createNode(dir.resolve("node"), Ports.free(), TestCluster.PASSWORD);
    }

    @Test
    void unknownNodeIdIsOneLineAndChangesNothing() throws Exception {
        assertRefusedWithOneLine(new String[] {"start-node", "--memsql-id", "DEADBEEF"}, "unknown node id 'DEADBEEF'");
        assertRefusedWithOneLine(new String[] {"update-config", "--key", "http_proxy_port", "--value", "8080",
            "--memsql-id", "0000"}, "unknown node id '0000'");
    }

    @Test
    void unknownKeyIsOneLineAndChangesNothing() throws Exception {
        assertRefusedWithOneLine(new String[] {"update-config", "--key", "no_such_variable", "--value", "1", "--all"},
                "unknown key 'no_such_variable'");
    }

    @Test
    void valueOutOfRangeIsOneLineNaming1231AndChangesNothing() throws Exception {
        assertRefusedWithOneLine(new String[] {"update-config", "--key", "http_proxy_port", "--value", "65536", "--all"},
                "1231");
        assertRefusedWithOneLine(new String[] {"update-config", "--key", "https_proxy_port", "--value", "abc", "--all"},
                "1232");
    }

    @Test
    void setGlobalOnANodeThatIsNotRunningIsOneLineAndChangesNothing() throws Exception {
        assertRefusedWithOneLine(new String[] {"update-config", "--key", "http_proxy_port", "--value", "8080", "--all",
            "--set-global"}, "is not running");
    }

    @Test
    void missingRegistryIsOneLineAndIsNotCreated() throws Exception {
        Path missing = dir.resolve("nowhere.json");
        for (String[] command : new String[][] {{"list-nodes"}, {"start-node", "--all"}}) {
            AdminCli.Result r = new AdminCli(missing).run(command);
            assertOneErrorLine(r, "does not exist");
        }
        assertThat(missing).doesNotExist();
    }

    @Test
    void corruptRegistryIsOneLineAndStaysAsItWas() throws Exception {
        Files.writeString(admin.registry(), "{\"nodes\": [ {\"memsqlId\": ");
        assertRefusedWithOneLine(new String[] {"list-nodes"}, "is corrupt");
        assertRefusedWithOneLine(new String[] {"create-node", "--base-dir", dir.resolve("other").toString(), "--port",
            "3999"}, "is corrupt");
        assertThat(dir.resolve("other")).doesNotExist();
    }

    @Test
    void startNodeWithBothProxyPortsInMemsqlCnfPromptsToFixMemsqlCnfAndStartsWithoutProxy() throws Exception {
        int[] ports = Ports.free(2);
        Node node = new Node(id, dir.resolve("node"), 0);
        node.cnf("http_proxy_port", ports[0]);
        node.cnf("https_proxy_port", ports[1]);
        try {
            AdminCli.Result r = admin.run("start-node", "--memsql-id", id).ok();

            String prompt = r.stdout().lines().filter(l -> l.contains("memsql.cnf")).findFirst().orElseThrow(
                    () -> new AssertionError("no line about memsql.cnf in: " + r.stdout()));
            assertThat(prompt).contains(node.cnf().toString(), "https_proxy_port", "http_proxy_port");
            assertThat(Ports.listening(ports[0])).isFalse();
            assertThat(Ports.listening(ports[1])).isFalse();
            assertThat(admin.run("list-nodes").ok().stdout()).contains("| Running ");
        } finally {
            admin.close();
        }
    }

    private void assertRefusedWithOneLine(String[] command, String expected) throws Exception {
        Map<Path, String> before = files();
        AdminCli.Result r = admin.run(command);
        assertOneErrorLine(r, expected);
        assertThat(files()).as("files after: admin %s", String.join(" ", command)).isEqualTo(before);
    }

    private static void assertOneErrorLine(AdminCli.Result r, String expected) {
        assertThat(r.exitCode()).as("exit code").isNotZero();
        assertThat(r.stderrLines()).as("stderr").hasSize(1);
        assertThat(r.stderrLines().get(0)).startsWith("error: ").contains(expected);
        assertThat(r.stdout()).as("stdout").isEmpty();
    }

    /** Every file under the test's directory with its content. */
    private Map<Path, String> files() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(p, Files.readString(p));
            }
        }
        return files;
    }
}
