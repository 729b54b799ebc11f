package io.wsproxy.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.console.StudioStateFile.StateFileException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudioStateFileTest {

    private static List<ClusterEntry> parse(String text) throws StateFileException {
        return StudioStateFile.parse("studio.hcl", text);
    }

    @Test
    void readsAStudioStateFileWithTheWebSocketKeys() throws Exception {
        List<ClusterEntry> clusters = parse("""
                version = 1

                cluster "2d76801f-4b4a-4679-82b9-12d0b3cda30a" {
                  name = "my cluster"
                  description = "data science cluster"
                  hostname = "db1.example.com"
                  port = 8443
                  profile = "DEVELOPMENT"
                  websocket = true
                  websocketSSL = true
                  kerberosAutologin = false
                }
                """);
        assertThat(clusters).containsExactly(new ClusterEntry("2d76801f-4b4a-4679-82b9-12d0b3cda30a", "my cluster",
                "data science cluster", "db1.example.com", 8443, true, true));
        assertThat(clusters.get(0).proxyOrigin()).isEqualTo("https://db1.example.com:8443");
        assertThat(clusters.get(0).webSocketOrigin()).isEqualTo("wss://db1.example.com:8443");
    }

    @Test
    void aClusterWithoutTheWebSocketKeysIsAPlainMysqlEntry() throws Exception {
        ClusterEntry c = parse("cluster \"a\" { hostname = \"10.0.0.5\" port = 3306 }").get(0);
        assertThat(c.websocket()).isFalse();
        assertThat(c.websocketSsl()).isFalse();
        assertThat(c.name()).as("the id when there is no name").isEqualTo("a");
        assertThat(c.proxyOrigin()).isEqualTo("http://10.0.0.5:3306");
    }

    @Test
    void commentsOtherBlocksAndHostForHostnameAreAccepted() throws Exception {
        List<ClusterEntry> clusters = parse("""
                # a comment
                // another
                /* and a
                   block comment */
                settings { theme = "dark" }
                cluster "b" {
                  host = "::1"   # hand-written files say host
                  port = 9000
                  websocket = true
                }
                """);
        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).hostname()).isEqualTo("::1");
        assertThat(clusters.get(0).webSocketOrigin()).isEqualTo("ws://[::1]:9000");
    }

    @Test
    void stringEscapesAreRead() throws Exception {
        assertThat(parse("cluster \"c\" { name = \"say \\\"hi\\\"\" hostname = \"h\" port = 1 }").get(0).name())
                .isEqualTo("say \"hi\"");
    }

    @Test
    void aFileWithoutClustersListsNone() throws Exception {
        assertThat(parse("version = 1\n")).isEmpty();
        assertThat(parse("")).isEmpty();
    }

    @Test
    void malformedFilesAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> parse("version = 1\ncluster \"a\" {\n  port 3306\n}"))
                .isInstanceOf(StateFileException.class).hasMessage("studio.hcl line 3: expected '=' after 'port', found '3306'");
        assertThatThrownBy(() -> parse("cluster \"a\" {\n name = \"open\n}"))
                .hasMessage("studio.hcl line 2: unterminated string");
        assertThatThrownBy(() -> parse("cluster \"a\" { hostname = \"h\" port = 1"))
                .hasMessage("studio.hcl line 1: expected an attribute or '}', found the end of the file");
        assertThatThrownBy(() -> parse("cluster \"a\" { hostname = \"h\" port = 1 }\n@"))
                .hasMessage("studio.hcl line 2: unexpected character '@'");
        assertThatThrownBy(() -> parse("cluster { hostname = \"h\" port = 1 }"))
                .hasMessageContaining("line 1: a cluster block has one label");
    }

    @Test
    void wrongTypesAndMissingKeysAreRefusedWithTheCluster() {
        assertThatThrownBy(() -> parse("cluster \"a\" {\n hostname = \"h\"\n port = \"3306\" }"))
                .hasMessage("studio.hcl line 1: cluster 'a': port must be a number, found 3306");
        assertThatThrownBy(() -> parse("cluster \"a\" { hostname = \"h\" port = 1 websocket = \"yes\" }"))
                .hasMessageContaining("websocket must be true or false, found yes");
        assertThatThrownBy(() -> parse("cluster \"a\" { port = 3306 }"))
                .hasMessage("studio.hcl line 1: cluster 'a' has no hostname");
        assertThatThrownBy(() -> parse("cluster \"a\" { hostname = \"h\" }"))
                .hasMessage("studio.hcl line 1: cluster 'a' has port 0, not 1-65535");
        assertThatThrownBy(() -> parse("cluster \"a\" { hostname = \"h\" port = 70000 }"))
                .hasMessageContaining("port 70000, not 1-65535");
        assertThatThrownBy(() -> parse("cluster \"a\" { hostname = \"h\" port = 99999999999 }"))
                .hasMessageContaining("port 99999999999, not 1-65535");
        assertThatThrownBy(() -> parse("cluster \"a\" { hostname = \"h\" port = - }"))
                .hasMessage("studio.hcl line 1: '-' is not a whole number");
    }
}
