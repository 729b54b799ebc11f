package io.wsproxy.control.proxy;

import io.wsproxy.control.ErrorCode;
import java.util.Objects;

/**
 * What the {@link ProxyMachine} reacts to. Commands come from SQL sessions and the node and run
 * one at a time: while a launch or a release is in flight they wait, in order. Notices are
 * outcomes of effects and reports of failures; they are handled at once, and those about an
 * instance carry its generation, so a late report about an instance that is gone changes nothing.
 */
public sealed interface ProxyEvent {

    /** For an exhaustive {@code switch} on Java 17. */
    enum Kind { BOOT, RESTART, ROLE_CHANGE, INJECT_FAILURE, SHUTDOWN, SETTINGS_CHANGED, LAUNCHED, LAUNCH_FAILED,
        RELEASED, INSTANCE_FAILED }

    Kind kind();

    /** A command: the caller waits for its {@link Reply}. */
    sealed interface Command extends ProxyEvent {
        Reply reply();
    }

    /** Node start with the variables of memsql.cnf ({@code configFile}, named in refusals). */
    record Boot(NodeRole role, ProxySettings settings, String configFile, Reply reply) implements Command {
        public Boot {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public Kind kind() {
            return Kind.BOOT;
        }
    }

    /** RESTART PROXY with the variables as the statement read them, once. */
    record Restart(ProxySettings settings, Reply reply) implements Command {
        public Restart {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public Kind kind() {
            return Kind.RESTART;
        }
    }

    /** The node's cluster role, as its metadata now says (I5); {@code settings} matter on promotion. */
    record RoleChange(NodeRole role, ProxySettings settings, Reply reply) implements Command {
        public RoleChange {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public Kind kind() {
            return Kind.ROLE_CHANGE;
        }
    }

    /** {@code SET GLOBAL proxy_inject_failure = value}: a {@link ProxyFault} name, or any reason for a crash. */
    record InjectFailure(String value, Reply reply) implements Command {
        public InjectFailure {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Kind kind() {
            return Kind.INJECT_FAILURE;
        }
    }

    /** Node shutdown: sessions close with 1001 (I7). */
    record Shutdown(Reply reply) implements Command {
        @Override
        public Kind kind() {
            return Kind.SHUTDOWN;
        }
    }

    /** A SET GLOBAL of a proxy variable: nothing restarts (I6); a conflict is logged (I3). */
    record SettingsChanged(ProxySettings settings) implements ProxyEvent {
        @Override
        public Kind kind() {
            return Kind.SETTINGS_CHANGED;
        }
    }

    /** The launcher started generation {@code generation}: it accepts connections. */
    record Launched(long generation, RunningProxy instance) implements ProxyEvent {
        @Override
        public Kind kind() {
            return Kind.LAUNCHED;
        }
    }

    /** The launcher could not start generation {@code generation}; nothing of it remains. */
    record LaunchFailed(long generation, ErrorCode code, String message) implements ProxyEvent {
        @Override
        public Kind kind() {
            return Kind.LAUNCH_FAILED;
        }
    }

    /** Generation {@code generation} no longer accepts connections (replaced, turned off, stopped). */
    record Released(long generation) implements ProxyEvent {
        @Override
        public Kind kind() {
            return Kind.RELEASED;
        }
    }

    /** Generation {@code generation} stopped serving by itself, or by the fault switch (I2). */
    record InstanceFailed(long generation, String reason) implements ProxyEvent {
        @Override
        public Kind kind() {
            return Kind.INSTANCE_FAILED;
        }
    }
}
