package io.wsproxy.wire;

/** A set of capability flags, immutable; negotiated capabilities are client AND server. */
public record Capabilities(int bits) {
    public boolean has(int flag) {
        return (bits & flag) == flag;
    }

    public Capabilities with(int flag) {
        return new Capabilities(bits | flag);
    }

    public Capabilities without(int flag) {
        return new Capabilities(bits & ~flag);
    }

    public Capabilities and(Capabilities other) {
        return new Capabilities(bits & other.bits);
    }

    @Override
    public String toString() {
        return "Capabilities[" + CapabilityFlags.names(bits) + "]";
    }
}
