package io.wsproxy.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memsql.cnf of a node that starts its proxy at boot (DESIGN.md section 3): one proxy port
 * on a free ephemeral port, TLS material for HTTPS, and the proxy's limit variables.
 */
public record ProxyCnf(Map<String, String> keys) {

    public ProxyCnf {
        keys = Map.copyOf(keys);
    }

    /** A plain {@code ws://} proxy. */
    public static ProxyCnf http() {
        return new ProxyCnf(Map.of("http_proxy_port", Integer.toString(freePort())));
    }

    /** A {@code wss://} proxy with the node's SSL material. */
    public static ProxyCnf https(TestCerts certs) {
        return new ProxyCnf(Map.of("https_proxy_port", Integer.toString(freePort()),
                "ssl_cert", certs.serverCert().toString(), "ssl_key", certs.serverKey().toString(),
                "ssl_ca", certs.caCert().toString()));
    }

    /** The node's SSL material without changing the proxy's protocol. */
    public ProxyCnf withSsl(TestCerts certs) {
        return with("ssl_cert", certs.serverCert().toString()).with("ssl_key", certs.serverKey().toString())
                .with("ssl_ca", certs.caCert().toString());
    }

    public ProxyCnf with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(keys);
        copy.put(key, String.valueOf(value));
        return new ProxyCnf(copy);
    }

    /** Writes memsql.cnf into {@code baseDir} and starts a node on it. */
    public EngineNode start(Path baseDir, String rootPassword) throws IOException {
        write(baseDir);
        return EngineNode.start(baseDir, rootPassword);
    }

    public void write(Path baseDir) throws IOException {
        StringBuilder cnf = new StringBuilder("[server]\nport = 0\n");
        if (!keys.containsKey("bind_address")) {
            cnf.append("bind_address = 127.0.0.1\n");
        }
        keys.forEach((k, v) -> cnf.append(k).append(" = ").append(v).append('\n'));
        Files.createDirectories(baseDir);
        Files.writeString(baseDir.resolve("memsql.cnf"), cnf.toString());
    }

    /** A port that was free a moment ago (bound and released on the loopback address). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
