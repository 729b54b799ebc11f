package io.wsproxy.wire;

/** One logical MySQL packet: its sequence id and its payload (continuations joined). */
public record Packet(int sequenceId, byte[] payload) {
}
