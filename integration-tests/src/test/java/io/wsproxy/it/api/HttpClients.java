package io.wsproxy.it.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Two real HTTP clients for the same checks: the JDK's HttpClient and the {@code curl} command. */
final class HttpClients {

    /** One answer: status, headers (names in lower case) and body text. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * A request: {@code user} null for no Authorization header, {@code contentType} null for
     * none, {@code body} null for a bodiless request.
     */
    record Call(String method, URI uri, String user, String password, String contentType, byte[] body) {
        static Call get(URI uri, String user, String password) {
            return new Call("GET", uri, user, password, null, null);
        }

        static Call postJson(URI uri, String user, String password, String json) {
            return new Call("POST", uri, user, password, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    interface Client {
        Reply send(Call call) throws IOException, InterruptedException;
    }

    private HttpClients() {
    }

    static Client jdk() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return call -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(Duration.ofSeconds(60))
                    .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
            if (call.user() != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (call.user() + ":" + call.password()).getBytes(StandardCharsets.UTF_8)));
            }
            if (call.contentType() != null) {
                b.header("Content-Type", call.contentType());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            return new Reply(r.statusCode(), headers, r.body());
        };
    }

    /** The {@code curl} command line tool (Debian's package, on every machine that runs the tests). */
    static Client curl(Path scratch) {
        return call -> {
            Path dir = Files.createTempDirectory(scratch, "curl");
            List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--http1.1",
                    "--max-time", "60", "--request", call.method(), "--dump-header", dir.resolve("headers").toString(),
                    "--output", dir.resolve("body").toString(), "--write-out", "%{http_code}"));
            if (call.user() != null) {
                command.addAll(List.of("--user", call.user() + ":" + call.password()));
            }
            // curl adds its own Content-Type to --data-binary unless told one; an empty one removes it.
            command.addAll(List.of("--header", "Content-Type:" + (call.contentType() == null ? "" : " " + call.contentType())));
            if (call.body() != null) {
                Files.write(dir.resolve("request"), call.body());
                command.addAll(List.of("--data-binary", "@" + dir.resolve("request")));
            }
            command.add(call.uri().toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("curl did not finish: " + command);
            }
            int status = Integer.parseInt(out.strip().substring(Math.max(0, out.strip().length() - 3)));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line : Files.readAllLines(dir.resolve("headers"), StandardCharsets.ISO_8859_1)) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("HTTP/")) {
                    headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).strip());
                }
            }
            Path body = dir.resolve("body");
            return new Reply(status, headers, Files.exists(body) ? Files.readString(body, StandardCharsets.UTF_8) : "");
        };
    }
}
