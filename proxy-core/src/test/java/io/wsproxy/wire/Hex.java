package io.wsproxy.wire;

import java.util.HexFormat;

/** Byte arrays written as the MySQL docs print them: hex pairs, any whitespace between. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
