package io.wsproxy.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.proxy.EngineTcp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EngineOptionsTest {
    private static EngineOptions parse(String... args) {
        ProxyMain main = new ProxyMain();
        new CommandLine(main).parseArgs(args);
        return main.engine;
    }

    @Test
    void aTcpEngineDefaultsToPort3306AndChecksTheHostUnderTls() {
        EngineOptions o = parse("--engine-host", "db1", "--engine-tls", "--engine-ssl-ca", "/ca.pem", "--http-port", "0");

        assertThat(o.problem()).isNull();
        assertThat(o.tcp()).isEqualTo(new EngineTcp("db1", 3306, true, Path.of("/ca.pem"), true));
    }

    @Test
    void aSocketEngineHasNoTcpAddress() {
        EngineOptions o = parse("--engine-socket", "/run/mysqld/mysqld.sock", "--http-port", "0");

        assertThat(o.problem()).isNull();
        assertThat(o.tcp()).isNull();
    }

    @Test
    void contradictionsAreRefusedWithWhatToGive() {
        assertThat(parse("--http-port", "0").problem()).contains("--engine-socket PATH or as --engine-host H");
        assertThat(parse("--engine-socket", "/s", "--engine-host", "db1", "--http-port", "0").problem())
                .contains("--engine-socket PATH or as --engine-host H");
        assertThat(parse("--engine-socket", "/s", "--engine-tls", "--http-port", "0").problem())
                .contains("go with --engine-host");
        assertThat(parse("--engine-host", "db1", "--engine-port", "0", "--http-port", "0").problem())
                .contains("1..65535");
        assertThat(parse("--engine-host", "db1", "--engine-ssl-ca", "/ca.pem", "--http-port", "0").problem())
                .contains("need --engine-tls");
    }
}
