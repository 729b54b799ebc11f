package io.wsproxy.control.proxy;

import java.time.Instant;
import java.util.Objects;

/**
 * What the proxy actually is (I6), as {@code SHOW PROXY STATUS} reports it: independent of the
 * variables until the next RESTART PROXY.
 */
public sealed interface ProxyState {

    enum Kind { STOPPED, RUNNING, FAILED, DORMANT }

    Kind kind();

    Instant since();

    record Stopped(Instant since) implements ProxyState {
        @Override
        public Kind kind() {
            return Kind.STOPPED;
        }
    }

    record Running(ProxyProtocol protocol, int port, long generation, Instant since) implements ProxyState {
        public Running {
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public Kind kind() {
            return Kind.RUNNING;
        }
    }

    record Failed(String reason, Instant since) implements ProxyState {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }
    }

    /** Variables may ask for a proxy, but this node is not the Master Aggregator (I5). */
    record Dormant(Instant since) implements ProxyState {
        @Override
        public Kind kind() {
            return Kind.DORMANT;
        }
    }
}
