package io.wsproxy.control.proxy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a running instance that the fault-injection switch ({@code proxy_inject_failure})
 * can break for real, so that failure detection is exercised end to end: the switch breaks the
 * part, and the instance's own watchdog must notice and report it (I2). Any other value of the
 * switch makes the instance crash as a whole, at once.
 */
public enum ProxyFault {
    /** The HTTP(S) server is closed. */
    SERVER("close-server"),
    /** An event loop of the instance is shut down. */
    EVENT_LOOP("stop-event-loop"),
    /** The engine link (every engine connection of the instance) is closed. */
    ENGINE_LINK("close-engine-link"),
    /** The instance's engine socket file is deleted. */
    ENGINE_SOCKET("remove-engine-socket");

    private final String switchValue;

    ProxyFault(String switchValue) {
        this.switchValue = switchValue;
    }

    /** The value of {@code proxy_inject_failure} that breaks this part. */
    public String switchValue() {
        return switchValue;
    }

    public static Optional<ProxyFault> parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.switchValue.equals(v)).findFirst();
    }
}
