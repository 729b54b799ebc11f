package io.wsproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.wsproxy.testing.Eventually;
import io.wsproxy.ws.ByteBudget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Data API body read over a real HTTP server from a raw socket, so a test can stall or break an
 * upload half-way: what it may hold, what it reserves from the proxy's budget, and that exactly
 * one outcome is reported, whatever the client does.
 */
class RequestBodyTest {
    private static final int STALL_MILLIS = 300;

    private final Vertx vertx = Vertx.vertx();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private ByteBudget budget;
    private int port;

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** A server whose one endpoint reads the body and answers as the Data API does. */
    private void serve(long budgetBytes, long stallMillis) throws Exception {
        budget = new ByteBudget(budgetBytes);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            request.pause();
            requests.incrementAndGet();
            ResponseStream out = new ResponseStream(request.response(), Vertx.currentContext());
            read(request, stallMillis, out);
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    private void read(HttpServerRequest request, long stallMillis, ResponseStream out) {
        RequestBody.read(request, budget, stallMillis, body -> {
            outcomes.add("done " + body.length());
            out.text(200, ResponseStream.TEXT, "read " + body.length());
        }, error -> {
            outcomes.add("failed " + error.status());
            out.failAndClose(error, request.connection());
        });
    }

    private Socket post(int contentLength, byte[] firstBytes) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream os = socket.getOutputStream();
        os.write(("POST /api/v2/query/rows HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        os.write(firstBytes);
        os.flush();
        return socket;
    }

    /** Everything the server sends until it closes the connection. */
    private static String readToClose(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWholeBodyIsReadAndWhatItReservedIsGivenBack() throws Exception {
        serve(1 << 20, 10_000);
        byte[] body = new byte[300 * 1024];

        try (Socket socket = post(body.length, body)) {
            socket.shutdownOutput();
            String reply = readToClose(socket);

            assertThat(reply).startsWith("HTTP/1.1 200").endsWith("read " + body.length);
        }
        assertThat(outcomes).containsExactly("done " + body.length);
        assertThat(budget.used()).isZero();
    }

    @Test
    void bytesPastTheUncountedPartReserveFromTheBudgetWhileTheyAreHeld() throws Exception {
        serve(1 << 20, 10_000);
        int sent = RequestBody.UNCOUNTED_BYTES + 100_000;

        try (Socket socket = post(RequestBody.MAX_BYTES, new byte[sent])) {
            Eventually.await("the held bytes past 64 KiB are reserved", () -> budget.used() == 100_000);
        }
        Eventually.await("a body broken off gives its reservation back", () -> budget.used() == 0);
    }

    @Test
    void aBodyTheBudgetCannotHoldIs503With9111AndTheConnectionCloses() throws Exception {
        serve(100_000, 10_000);

        assertRefusedAndClosed(RequestBody.UNCOUNTED_BYTES + 200_000, 503, "Error 9111: ");
    }

    @Test
    void aStalledBodyIs408AfterTheStallTimeoutAndGivesBackItsBytes() throws Exception {
        serve(1 << 20, STALL_MILLIS);

        assertRefusedAndClosed(RequestBody.UNCOUNTED_BYTES + 1000, 408, "Error 1159: no byte of the request body came for");
    }

    /** Sends {@code sent} bytes of a 1 MiB body: the answer, the connection closed, nothing kept. */
    private void assertRefusedAndClosed(int sent, int status, String error) throws Exception {
        try (Socket socket = post(RequestBody.MAX_BYTES, new byte[sent])) {
            String reply = readToClose(socket);

            assertThat(reply).startsWith("HTTP/1.1 " + status).contains(error);
        }
        assertThat(outcomes).containsExactly("failed " + status);
        assertThat(budget.used()).isZero();
    }

    @Test
    void aBodyBrokenOffByTheClientIsReportedOnceAsFailed() throws Exception {
        serve(1 << 20, 60_000);

        try (Socket socket = post(1000, new byte[10])) {
            Eventually.await("the request began", () -> requests.get() == 1);
        }

        Eventually.await("the broken upload reported", () -> !outcomes.isEmpty());
        assertThat(outcomes).containsExactly("failed 503");
    }
}
