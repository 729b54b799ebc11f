package io.wsproxy.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code GET /api/v2/spec}: the OpenAPI 3 document of the Data API ({@code data-api-openapi.json}
 * beside this class). JSON by default; as {@code text/plain} to a client that asks for text and
 * not JSON, as SingleStore's generated clients do (they read the body as a string).
 */
final class OpenApiSpec {
    static final String DOCUMENT = load();

    private OpenApiSpec() {
    }

    static void send(String accept, ResponseStream out) {
        String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        boolean textOnly = a.contains("text/plain") && !a.contains("json");
        out.text(200, textOnly ? ResponseStream.TEXT : ResponseStream.JSON, DOCUMENT);
    }

    private static String load() {
        try (InputStream in = OpenApiSpec.class.getResourceAsStream("data-api-openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("data-api-openapi.json is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
