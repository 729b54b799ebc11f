package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClientMessagesTest {

    private static ProtocolException protocolError(String text) {
        try {
            ClientMessages.parse(text);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("expected a protocol error for " + text);
    }

    @Test
    void authWithUserAndPasswordOnly() {
        // When
        ClientMessage m = ClientMessages.parse("{\"type\":\"auth\",\"user\":\"root\",\"password\":\"pw\"}");

        // Then
        assertThat(m).isEqualTo(new ClientMessage.Auth("root", "pw", null, false));
        assertThat(m.kind()).isEqualTo(ClientMessage.Kind.AUTH);
    }

    @Test
    void authWithDatabaseAndBigintAsString() {
        // When
        ClientMessage m = ClientMessages.parse(
                "{\"type\":\"auth\",\"user\":\"u\",\"password\":\"\",\"database\":\"db1\",\"options\":{\"bigint\":\"string\"}}");

        // Then
        assertThat(m).isEqualTo(new ClientMessage.Auth("u", "", "db1", true));
    }

    @Test
    void authWithBigintAsNumberIsTheDefault() {
        // When
        ClientMessage m = ClientMessages.parse(
                "{\"type\":\"auth\",\"user\":\"u\",\"password\":\"p\",\"database\":null,\"options\":{\"bigint\":\"number\"}}");

        // Then
        assertThat(m).isEqualTo(new ClientMessage.Auth("u", "p", null, false));
    }

    @Test
    void authToStringHidesThePassword() {
        // When
        String s = new ClientMessage.Auth("root", "s3cret-pw", "db", false).toString();

        // Then
        assertThat(s).doesNotContain("s3cret-pw").contains("root").contains("redacted");
    }

    @Test
    void authWithoutPasswordIsMissingField() {
        // When
        ProtocolException e = protocolError("{\"type\":\"auth\",\"user\":\"root\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("missing field \"password\"");
        assertThat(e.code()).isEqualTo(9110);
        assertThat(e.sqlState()).isEqualTo("08P01");
    }

    @Test
    void authWithoutUserIsMissingField() {
        // When
        ProtocolException e = protocolError("{\"type\":\"auth\",\"password\":\"x\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("missing field \"user\"");
    }

    @Test
    void authWithNumericUserIsWrongType() {
        // When
        ProtocolException e = protocolError("{\"type\":\"auth\",\"user\":7,\"password\":\"x\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"user\" must be a string, got a number");
    }

    @Test
    void authWithNonStringDatabaseIsWrongType() {
        // When
        ProtocolException e = protocolError("{\"type\":\"auth\",\"user\":\"u\",\"password\":\"x\",\"database\":[]}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"database\" must be a string, got an array");
    }

    @Test
    void authWithOptionsNotAnObjectIsWrongType() {
        // When
        ProtocolException e = protocolError("{\"type\":\"auth\",\"user\":\"u\",\"password\":\"x\",\"options\":\"bigint\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"options\" must be an object, got a string");
    }

    @Test
    void authWithUnknownBigintOptionIsRejected() {
        // When
        ProtocolException e = protocolError(
                "{\"type\":\"auth\",\"user\":\"u\",\"password\":\"x\",\"options\":{\"bigint\":\"bigint\"}}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"options.bigint\" must be \"string\" or \"number\", got \"bigint\"");
    }

    @Test
    void protocolErrorMessagesNeverContainThePassword() {
        // When
        ProtocolException e = protocolError("{\"type\":\"auth\",\"user\":1,\"password\":\"hunter2\"}");

        // Then
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void queryWithNumericId() {
        // When
        ClientMessage m = ClientMessages.parse("{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT 1\"}");

        // Then
        assertThat(m).isEqualTo(new ClientMessage.Query(1L, "SELECT 1", null));
        assertThat(m.kind()).isEqualTo(ClientMessage.Kind.QUERY);
    }

    @Test
    void queryWithStringIdKeepsItAString() {
        // When
        ClientMessage.Query q = (ClientMessage.Query) ClientMessages.parse("{\"type\":\"query\",\"id\":\"1\",\"sql\":\"DO 0\"}");

        // Then
        assertThat(q.id()).isEqualTo("1");
    }

    @Test
    void queryIdBeyondLongStaysExact() {
        // When
        ClientMessage.Query q = (ClientMessage.Query) ClientMessages.parse(
                "{\"type\":\"query\",\"id\":123456789012345678901234567890,\"sql\":\"DO 0\"}");

        // Then
        assertThat(q.id()).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void queryIdWithFractionKeepsItsScale() {
        // When
        ClientMessage.Query q = (ClientMessage.Query) ClientMessages.parse("{\"type\":\"query\",\"id\":1.50,\"sql\":\"DO 0\"}");

        // Then
        assertThat(q.id()).isEqualTo(new BigDecimal("1.50"));
        assertThat(ServerMessages.idJson(q.id())).isEqualTo("1.50");
    }

    @Test
    void queryArgsKeepEveryJsonScalarExactly() {
        // When
        ClientMessage.Query q = (ClientMessage.Query) ClientMessages.parse("{\"type\":\"query\",\"id\":\"a\",\"sql\":\"?\","
                + "\"args\":[null,true,false,42,-9223372036854775808,18446744073709551615,0.10,1e3,\"s\"]}");

        // Then
        assertThat(q.args()).containsExactly(null, true, false, 42L, Long.MIN_VALUE,
                new BigInteger("18446744073709551615"), new BigDecimal("0.10"), new BigDecimal("1e3"), "s");
    }

    @Test
    void queryWithNullArgsHasNoArgs() {
        // When
        ClientMessage.Query q = (ClientMessage.Query) ClientMessages.parse(
                "{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT ?\",\"args\":null}");

        // Then
        assertThat(q.args()).isNull();
    }

    @Test
    void queryArgsListIsUnmodifiable() {
        // When
        ClientMessage.Query q = new ClientMessage.Query(1L, "?", Arrays.asList("a", null));

        // Then
        assertThatThrownBy(() -> q.args().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void queryWithoutIdIsMissingField() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"sql\":\"SELECT 1\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("missing field \"id\"");
        assertThat(e.id()).isNull();
    }

    @Test
    void queryWithBooleanIdIsWrongType() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"id\":true,\"sql\":\"SELECT 1\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"id\" must be a string or a number, got a boolean");
    }

    @Test
    void queryWithObjectIdIsWrongType() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"id\":{},\"sql\":\"SELECT 1\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"id\" must be a string or a number, got an object");
    }

    @Test
    void queryWithoutSqlIsMissingFieldAndEchoesTheId() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"id\":5}");

        // Then
        assertThat(e.getMessage()).isEqualTo("missing field \"sql\"");
        assertThat(e.id()).isEqualTo(5L);
    }

    @Test
    void queryWithNumericSqlIsWrongType() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"id\":\"q\",\"sql\":1}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"sql\" must be a string, got a number");
        assertThat(e.id()).isEqualTo("q");
    }

    @Test
    void queryWithArgsNotAnArrayIsWrongType() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"id\":1,\"sql\":\"?\",\"args\":{\"a\":1}}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"args\" must be an array, got an object");
        assertThat(e.id()).isEqualTo(1L);
    }

    @Test
    void queryWithNestedArrayArgIsRejected() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"id\":1,\"sql\":\"?\",\"args\":[[1]]}");

        // Then
        assertThat(e.getMessage()).isEqualTo("args[0] must be null, a boolean, a number or a string, got an array");
    }

    @Test
    void queryWithObjectArgIsRejected() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"id\":1,\"sql\":\"? ?\",\"args\":[1,{}]}");

        // Then
        assertThat(e.getMessage()).isEqualTo("args[1] must be null, a boolean, a number or a string, got an object");
    }

    @Test
    void cancelWithId() {
        // When
        ClientMessage m = ClientMessages.parse("{\"type\":\"cancel\",\"id\":\"q7\"}");

        // Then
        assertThat(m).isEqualTo(new ClientMessage.Cancel("q7"));
        assertThat(m.kind()).isEqualTo(ClientMessage.Kind.CANCEL);
    }

    @Test
    void cancelWithoutIdIsMissingField() {
        // When
        ProtocolException e = protocolError("{\"type\":\"cancel\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("missing field \"id\"");
    }

    @Test
    void ping() {
        // When
        ClientMessage m = ClientMessages.parse("{\"type\":\"ping\"}");

        // Then
        assertThat(m).isEqualTo(new ClientMessage.Ping());
        assertThat(m.kind()).isEqualTo(ClientMessage.Kind.PING);
    }

    @Test
    void unknownFieldsAreIgnored() {
        // When
        ClientMessage m = ClientMessages.parse("{\"type\":\"ping\",\"extra\":[1,{\"x\":2}]}");

        // Then
        assertThat(m).isEqualTo(new ClientMessage.Ping());
    }

    @Test
    void unparseableJsonIsAProtocolError() {
        // When
        ProtocolException e = protocolError("{\"type\":\"ping\"");

        // Then
        assertThat(e.getMessage()).startsWith("unparseable JSON: ");
        assertThat(e.id()).isNull();
    }

    @Test
    void emptyMessageIsUnparseable() {
        // When
        ProtocolException e = protocolError("  ");

        // Then
        assertThat(e.getMessage()).isEqualTo("unparseable JSON: empty message");
    }

    @Test
    void trailingContentAfterTheObjectIsUnparseable() {
        // When
        ProtocolException e = protocolError("{\"type\":\"ping\"} {\"type\":\"ping\"}");

        // Then
        assertThat(e.getMessage()).startsWith("unparseable JSON: ");
    }

    @Test
    void duplicateFieldsAreUnparseable() {
        // When
        ProtocolException e = protocolError("{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT 1\",\"sql\":\"DROP TABLE t\"}");

        // Then
        assertThat(e.getMessage()).startsWith("unparseable JSON: ").contains("sql");
    }

    @Test
    void arrayAtTopLevelIsNotAnObject() {
        // When
        ProtocolException e = protocolError("[{\"type\":\"ping\"}]");

        // Then
        assertThat(e.getMessage()).isEqualTo("message must be a JSON object, got an array");
    }

    @Test
    void nullAtTopLevelIsNotAnObject() {
        // When
        ProtocolException e = protocolError("null");

        // Then
        assertThat(e.getMessage()).isEqualTo("message must be a JSON object, got null");
    }

    @Test
    void missingTypeIsAProtocolErrorThatEchoesTheId() {
        // When
        ProtocolException e = protocolError("{\"id\":3,\"sql\":\"SELECT 1\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("missing field \"type\"");
        assertThat(e.id()).isEqualTo(3L);
    }

    @Test
    void nonStringTypeIsWrongType() {
        // When
        ProtocolException e = protocolError("{\"type\":1}");

        // Then
        assertThat(e.getMessage()).isEqualTo("field \"type\" must be a string, got a number");
    }

    @Test
    void unknownTypeIsAProtocolErrorThatEchoesTheId() {
        // When
        ProtocolException e = protocolError("{\"type\":\"exec\",\"id\":\"x\"}");

        // Then
        assertThat(e.getMessage()).isEqualTo("unknown message type \"exec\"");
        assertThat(e.id()).isEqualTo("x");
    }

    @Test
    void protocolErrorRendersAsAnErrorMessageWithTheId() {
        // When
        String json = protocolError("{\"type\":\"query\",\"id\":9}").toJson();

        // Then
        assertThat(json).isEqualTo(
                "{\"type\":\"error\",\"id\":9,\"code\":9110,\"sqlState\":\"08P01\",\"message\":\"missing field \\\"sql\\\"\"}");
    }

    @Test
    void deeplyNestedJsonIsAProtocolError() {
        // When
        ProtocolException e = protocolError("{\"type\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");

        // Then
        assertThat(e.getMessage()).startsWith("unparseable JSON: ");
    }

    @Test
    void exponentIdIsEchoedAsTheSameNumberInBigDecimalNotation() {
        // When
        Object id = ((ClientMessage.Query) ClientMessages.parse("{\"type\":\"query\",\"id\":1e3,\"sql\":\"x\"}")).id();

        // Then
        assertThat(ServerMessages.idJson(id)).isEqualTo("1E+3");
    }

    @Test
    void bytesParseInPlaceExactlyAsTheirText() {
        String text = "{\"type\":\"query\",\"id\":7,\"sql\":\"SELECT 'é', ?\",\"args\":[1.50]}";
        byte[] framed = ("xx" + text + "yy").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int length = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        // When
        ClientMessage fromBytes = ClientMessages.parse(framed, 2, length);

        // Then
        assertThat(fromBytes).isEqualTo(ClientMessages.parse(text));
    }

    @Test
    void blankBytesAreAnEmptyMessageAndTrailingBytesAreUnparseable() {
        byte[] blank = " \t\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] trailing = "{\"type\":\"ping\"} x".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ClientMessages.parse(blank, 0, blank.length))
                .isInstanceOf(ProtocolException.class).hasMessage("unparseable JSON: empty message");
        assertThatThrownBy(() -> ClientMessages.parse(trailing, 0, trailing.length))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("unparseable JSON: ");
    }
}
