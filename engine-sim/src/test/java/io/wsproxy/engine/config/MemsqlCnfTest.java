package io.wsproxy.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memsql.cnf read and edited as MySQL option files are. */
class MemsqlCnfTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("memsql.cnf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aNewNodeGetsADefaultFileWithItsPortAndCommentedProxySettings() throws Exception {
        MemsqlCnf cnf = MemsqlCnf.loadOrCreate(dir.resolve("memsql.cnf"), 3307);

        assertThat(cnf.server()).containsExactly(Map.entry("port", "3307"), Map.entry("bind_address", "127.0.0.1"));
        assertThat(Files.readString(cnf.file())).contains("# https_proxy_port = 8443").contains("[server]");
    }

    @Test
    void anExistingFileIsReadNotReplaced() throws Exception {
        Path file = write("[server]\nport = 4000\n");

        assertThat(MemsqlCnf.loadOrCreate(file, 3306).get("port")).contains("4000");
        assertThat(Files.readString(file)).isEqualTo("[server]\nport = 4000\n");
    }

    @Test
    void onlyTheServerOrMysqldSectionIsRead() throws Exception {
        MemsqlCnf cnf = MemsqlCnf.load(write("""
                port = 1
                [client]
                port = 2
                [ mysqld ]
                port = 3
                [other]
                socket = /x
                """));

        assertThat(cnf.server()).containsExactly(Map.entry("port", "3"));
    }

    @Test
    void keysIgnoreCaseAndDashesValuesLoseQuotesAndComments() throws Exception {
        MemsqlCnf cnf = MemsqlCnf.load(write("""
                # a comment
                ; another
                [server]
                HTTPS-Proxy-Port = 8443   # trailing comment
                ssl_cert = "certs/with # hash.pem"
                ssl_key = 'key.pem'
                skip-name-resolve
                """));

        assertThat(cnf.get("https_proxy_port")).contains("8443");
        assertThat(cnf.get("SSL-CERT")).contains("certs/with # hash.pem");
        assertThat(cnf.get("ssl_key")).contains("key.pem");
        assertThat(cnf.get("skip_name_resolve")).as("a bare key is a flag").contains("ON");
        assertThat(cnf.get("absent")).isEmpty();
    }

    @Test
    void setReplacesTheKeyInAnySpellingAndKeepsEveryOtherLine() throws Exception {
        Path file = write("""
                # keep me
                [server]
                Http-Proxy-Port = 8080
                port = 3306

                [client]
                user = root
                """);

        MemsqlCnf.set(file, "http_proxy_port", "9090");

        assertThat(Files.readString(file)).isEqualTo("""
                # keep me
                [server]
                http_proxy_port = 9090
                port = 3306

                [client]
                user = root
                """);
    }

    @Test
    void setOfANewKeyGoesAtTheEndOfTheServerSection() throws Exception {
        Path file = write("[server]\nport = 3306\n\n[client]\nuser = root\n");

        MemsqlCnf.set(file, "https-proxy-port", "8443");

        assertThat(Files.readString(file)).isEqualTo("[server]\nport = 3306\nhttps_proxy_port = 8443\n\n[client]\nuser = root\n");
    }

    @Test
    void setWithoutAServerSectionAddsOne() throws Exception {
        Path file = write("[client]\nuser = root\n");

        MemsqlCnf.set(file, "port", "1");

        assertThat(MemsqlCnf.load(file).server()).containsExactly(Map.entry("port", "1"));
    }

    @Test
    void removeDropsTheKeyOnly() throws Exception {
        Path file = write("[server]\nport = 3306\nhttp_proxy_port = 8080\n");

        MemsqlCnf.remove(file, "HTTP-PROXY-PORT");

        assertThat(Files.readString(file)).isEqualTo("[server]\nport = 3306\n");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }
}
