package io.wsproxy.control.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.proxy.FakeLauncher.Endpoint;
import io.wsproxy.control.proxy.FakeLauncher.PortEvent;
import io.wsproxy.control.proxy.FakeProxy.Replacement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Model-based test: random sequences of SET GLOBAL, RESTART PROXY, launch failures, crashes, role
 * changes and status reads run against the real {@link ProxyManager} and a {@link FakeLauncher},
 * and after every step the outcome is compared with {@link Model}, a reference written from
 * DESIGN.md section 4 alone. jqwik shrinks a failing sequence to a short one.
 *
 * <p>The model predicts what the fake makes observable: listening endpoints are only the ones that
 * accept connections; an instance replaced on another endpoint stops accepting at once and drains
 * outside this picture (its drain period is checked, not its end). So exactly one endpoint listens
 * while RUNNING and none otherwise.
 */
class ProxyManagerModelTest {
    /** Held by another process: binding it fails with 9103. */
    static final int TAKEN = 9999;
    private static final String RESTART = "RESTART PROXY";
    private static final String ROLE = "role notice";
    /** Every outcome the generator must reach, or the run fails: success kinds and each error code. */
    private static final List<String> OUTCOMES = List.of("started", "moved", "same endpoint", "same endpoint, new limit",
            "protocol switch on one port", "off",
            "9101", "9102", "9103", "9104", "9105");

    enum Variable { HTTPS_PORT, HTTP_PORT, SSL, DRAIN_SECONDS, MESSAGE_LIMIT }

    sealed interface Action permits Boot, SetGlobal, SetPorts, SwitchProtocol, Restart, ArmLaunchFailure, InjectFailure, Sabotage, InstanceFails,
            StaleInstanceFails, RoleChange, VariablesChanged, OpenSessions, NodeRestart {
    }

    /** The node starts with these variables (from memsql.cnf). */
    record Boot(NodeRole role, int httpsPort, int httpPort, boolean ssl) implements Action {
    }

    /** SET GLOBAL; the registry refuses out-of-range values before the manager could see them. */
    record SetGlobal(Variable variable, int value) implements Action {
    }

    /** One multi-assignment SET GLOBAL of both ports, as an operator moves the proxy: all or nothing. */
    record SetPorts(int httpsPort, int httpPort) implements Action {
    }

    /**
     * The other protocol's variable set to the port the proxy runs on, its own cleared: with SSL
     * on, the next RESTART PROXY is a protocol switch on one port. Random ports alone reach that
     * case so rarely that some runs of 1,000 tries never did.
     */
    record SwitchProtocol() implements Action {
    }

    /** RESTART PROXY, issued on the node with its current role. */
    record Restart() implements Action {
    }

    record ArmLaunchFailure(ErrorCode code) implements Action {
    }

    /** The fault-injection switch. */
    record InjectFailure() implements Action {
    }

    /** The fault switch names a part: the part breaks, the instance's watchdog reports it. */
    record Sabotage(ProxyFault fault) implements Action {
    }

    /** The live instance's event loop dies; reported from another thread. */
    record InstanceFails() implements Action {
    }

    /** An instance that is no longer current (replaced, stopped, failed) reports a failure late. */
    record StaleInstanceFails(int pick) implements Action {
    }

    record RoleChange(NodeRole role) implements Action {
    }

    record VariablesChanged() implements Action {
    }

    /** Clients connect to the live instance; then SHOW PROXY STATUS. */
    record OpenSessions(int count) implements Action {
    }

    /** Node shutdown, then boot with the current variables. */
    record NodeRestart(NodeRole role) implements Action {
    }

    @Property(tries = 1000)
    void theManagerBehavesLikeTheModel(@ForAll("boots") Boot boot, @ForAll("sequences") List<Action> actions) {
        Harness real = new Harness();
        Model model = new Model();
        real.run(boot, model, 0);
        for (int step = 0; step < actions.size(); step++) {
            real.run(actions.get(step), model, step + 1);
        }
        Statistics.label(RESTART).coverage(c -> OUTCOMES.forEach(o -> c.check(o).count(n -> n > 0)));
        Statistics.label(ROLE).coverage(c -> List.of("promotion", "demotion", "repeated")
                .forEach(o -> c.check(o).count(n -> n > 0)));
    }

    @Provide
    Arbitrary<Boot> boots() {
        return Combinators.combine(roles(), httpsPorts(), httpPorts(), ssl()).as(Boot::new)
                .filter(b -> Harness.valid(b.httpsPort()) && Harness.valid(b.httpPort()));
    }

    @Provide
    Arbitrary<List<Action>> sequences() {
        Arbitrary<Action> set = Arbitraries.oneOf(
                httpsPorts().map(p -> new SetGlobal(Variable.HTTPS_PORT, p)),
                httpPorts().map(p -> new SetGlobal(Variable.HTTP_PORT, p)),
                ssl().map(b -> new SetGlobal(Variable.SSL, b ? 1 : 0)),
                Arbitraries.integers().between(0, 30).map(s -> new SetGlobal(Variable.DRAIN_SECONDS, s)),
                Arbitraries.of(1 << 20, 2 << 20).map(m -> new SetGlobal(Variable.MESSAGE_LIMIT, m)));
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(6, set),
                Tuple.of(4, Arbitraries.oneOf(
                        Arbitraries.of(8443, 9443, 8080, TAKEN).map(p -> new SetPorts(p, 0)),
                        Arbitraries.of(8080, 8081, 8443, TAKEN).map(p -> new SetPorts(0, p)),
                        Arbitraries.just(new SetPorts(0, 0)))),
                Tuple.of(1, Arbitraries.just(new SwitchProtocol())),
                Tuple.of(6, Arbitraries.just(new Restart())),
                Tuple.of(2, Arbitraries.of(ErrorCode.PROXY_BIND_FAILED, ErrorCode.PROXY_TLS_INVALID)
                        .map(ArmLaunchFailure::new)),
                Tuple.of(1, Arbitraries.just(new InjectFailure())),
                Tuple.of(1, Arbitraries.of(ProxyFault.class).map(Sabotage::new)),
                Tuple.of(1, Arbitraries.just(new InstanceFails())),
                Tuple.of(1, Arbitraries.integers().between(0, 39).map(StaleInstanceFails::new)),
                Tuple.of(1, roles().map(RoleChange::new)),
                Tuple.of(2, Arbitraries.just(new VariablesChanged())),
                Tuple.of(2, Arbitraries.integers().between(0, 5).map(OpenSessions::new)),
                Tuple.of(1, roles().map(NodeRestart::new)));
        return action.list().ofMinSize(1).ofMaxSize(40);
    }

    /**
     * Mostly off or one port, so RESTART often gets as far as the launcher; 8080 and 8443 appear
     * under both protocols (a protocol switch on one port), -1 and 65536 are refused by the registry.
     */
    private static Arbitrary<Integer> httpsPorts() {
        return Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(2, 8443), Tuple.of(2, 9443), Tuple.of(1, 8080),
                Tuple.of(1, TAKEN), Tuple.of(1, -1), Tuple.of(1, 65536));
    }

    private static Arbitrary<Integer> httpPorts() {
        return Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(2, 8080), Tuple.of(2, 8081), Tuple.of(1, 8443),
                Tuple.of(1, TAKEN), Tuple.of(1, -1), Tuple.of(1, 65536));
    }

    private static Arbitrary<Boolean> ssl() {
        return Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false));
    }

    private static Arbitrary<NodeRole> roles() {
        return Arbitraries.frequency(Tuple.of(4, NodeRole.MASTER), Tuple.of(1, NodeRole.AGGREGATOR),
                Tuple.of(1, NodeRole.LEAF));
    }

    /**
     * The reference: DESIGN.md section 4 as plain bookkeeping, plus the fake's port rules (one
     * listener per port, so a move must bind a port nobody holds). Nothing here asks the manager.
     */
    static final class Model {
        NodeRole role;
        int httpsPort;
        int httpPort;
        boolean ssl = true;
        int drainSeconds = SettingsSource.DEFAULT_DRAIN_SECONDS;
        int messageLimit = 16 << 20;
        int runningLimit;
        ErrorCode armed;
        ProxyState.Kind kind = ProxyState.Kind.STOPPED;
        Endpoint running;
        int sessions;
        boolean lastError;
        int starts;

        boolean off() {
            return httpsPort == 0 && httpPort == 0;
        }

        Endpoint wanted() {
            return httpsPort != 0 ? new Endpoint(ProxyProtocol.HTTPS, httpsPort) : new Endpoint(ProxyProtocol.HTTP, httpPort);
        }

        /** I3, I4: what refuses to start before any launch. */
        ErrorCode refusal() {
            if (httpsPort != 0 && httpPort != 0) {
                return ErrorCode.PROXY_PORT_CONFLICT;
            }
            return httpsPort != 0 && !ssl ? ErrorCode.PROXY_SSL_REQUIRED : null;
        }

        /** What the test can observe, as predicted. */
        Picture picture() {
            Set<Endpoint> listening = running == null ? Set.of() : Set.of(running);
            return new Picture(kind, running, listening, starts, armed, sessions, lastError);
        }

        /**
         * One launcher start while the current instance keeps its port: only a port held by
         * another process fails, since our own port is either taken over or shared for the overlap.
         */
        ErrorCode launch(Endpoint target) {
            starts++;
            if (armed != null) {
                ErrorCode code = armed;
                armed = null;
                return code;
            }
            return target.port() == TAKEN ? ErrorCode.PROXY_BIND_FAILED : null;
        }

        void run(Endpoint target) {
            kind = ProxyState.Kind.RUNNING;
            running = target;
            runningLimit = messageLimit;
            sessions = 0;
        }

        void notRunning(ProxyState.Kind next) {
            kind = next;
            running = null;
            sessions = 0;
        }

        /** Boot and promotion: a refusal is a FAILED state, not an error for anyone. */
        void startFromVariables() {
            if (off()) {
                notRunning(ProxyState.Kind.STOPPED);
            } else if (role != NodeRole.MASTER) {
                notRunning(ProxyState.Kind.DORMANT);
            } else {
                ErrorCode refused = refusal() != null ? refusal() : launch(wanted());
                if (refused == null) {
                    run(wanted());
                } else {
                    notRunning(ProxyState.Kind.FAILED);
                    lastError = true;
                }
            }
        }

        /** I1, I3, I4, I5: the error RESTART PROXY returns, or null when it succeeds. */
        ErrorCode restart() {
            if (role != NodeRole.MASTER) {
                return ErrorCode.PROXY_NOT_MASTER;
            }
            if (refusal() != null) {
                return refusal();
            }
            if (off()) {
                notRunning(ProxyState.Kind.STOPPED);
                return null;
            }
            ErrorCode failed = launch(wanted());
            if (failed == null) {
                run(wanted());
            }
            return failed;
        }

        /** I2. */
        void instanceFailed() {
            if (kind == ProxyState.Kind.RUNNING) {
                notRunning(ProxyState.Kind.FAILED);
                lastError = true;
            }
        }

        /** SET GLOBAL on a non-master: nothing runs either way; DORMANT says the variables ask for a proxy. */
        void variablesChanged() {
            if (role != NodeRole.MASTER && (kind == ProxyState.Kind.STOPPED || kind == ProxyState.Kind.DORMANT)) {
                kind = off() ? ProxyState.Kind.STOPPED : ProxyState.Kind.DORMANT;
            }
        }

        /** I5: only a change of role acts; a repeated notice is not a promotion. */
        void roleChanged(NodeRole next) {
            if (next == role) {
                return;
            }
            role = next;
            if (next == NodeRole.MASTER) {
                startFromVariables();
            } else {
                notRunning(off() ? ProxyState.Kind.STOPPED : ProxyState.Kind.DORMANT);
            }
        }
    }

    /**
     * What is compared after every step: the state kind, the running endpoint (state and spec), the
     * endpoints listening, launcher starts so far, the launch failure still armed, status sessions,
     * and whether Last_Error is set.
     */
    record Picture(ProxyState.Kind state, Endpoint running, Set<Endpoint> listening, int starts,
            ErrorCode armed, int sessions, boolean lastError) {
    }

    /** The real manager and fake launcher, driven by one action at a time and checked against the model. */
    static final class Harness {
        final MutableClock clock = new MutableClock();
        final SettingsSource settings = new SettingsSource();
        final FakeLauncher launcher = new FakeLauncher().occupy(TAKEN);
        final RecordingEvents events = new RecordingEvents();
        final Control manager = new Control(launcher, settings, events, clock, "memsql.cnf");
        long lastGeneration;

        void run(Action action, Model model, int step) {
            String where = "step " + step + ": " + action;
            clock.advance(Duration.ofSeconds(1));
            FakeProxy before = launcher.live();
            int journalBefore = launcher.journal().size();
            int errorsBefore = events.errors().size();
            if (action instanceof Boot b) {
                settings.ports(b.httpsPort(), b.httpPort()).ssl(b.ssl());
                model.httpsPort = b.httpsPort();
                model.httpPort = b.httpPort();
                model.ssl = b.ssl();
                model.role = b.role();
                manager.boot(b.role());
                model.startFromVariables();
            } else if (action instanceof SetGlobal s) {
                set(s, model);
            } else if (action instanceof SetPorts p) {
                if (valid(p.httpsPort()) && valid(p.httpPort())) {
                    settings.ports(p.httpsPort(), p.httpPort());
                    model.httpsPort = p.httpsPort();
                    model.httpPort = p.httpPort();
                }
            } else if (action instanceof SwitchProtocol) {
                if (model.running != null) {
                    int port = model.running.port();
                    boolean toHttps = model.running.protocol() == ProxyProtocol.HTTP;
                    settings.ports(toHttps ? port : 0, toHttps ? 0 : port);
                    model.httpsPort = toHttps ? port : 0;
                    model.httpPort = toHttps ? 0 : port;
                }
            } else if (action instanceof Restart) {
                Endpoint was = model.running;
                int wasLimit = model.runningLimit;
                ErrorCode expected = model.restart();
                SqlException thrown = catchThrowableOfType(SqlException.class, manager::restart);
                assertThat(thrown == null ? null : thrown.code()).as(where + ": RESTART PROXY error (%s)", thrown)
                        .isEqualTo(expected == null ? null : expected.code());
                if (expected == null && before != null) {
                    assertThat(before.replacements()).as(where + ": the old instance is replaced once, with the drain period")
                            .containsExactly(new Replacement(launcher.live(), model.drainSeconds));
                }
                boolean takeOver = expected == null && was != null && was.equals(model.running)
                        && wasLimit == model.runningLimit;
                Statistics.label(RESTART).collect(expected != null ? String.valueOf(expected.code())
                        : model.running == null ? "off"
                        : was == null ? "started"
                        : takeOver ? "same endpoint"
                        : was.equals(model.running) ? "same endpoint, new limit"
                        : was.port() == model.running.port() ? "protocol switch on one port" : "moved");
                List<PortEvent.Kind> portEvents = launcher.journal().subList(journalBefore, launcher.journal().size())
                        .stream().map(PortEvent::kind).toList();
                if (takeOver) {
                    assertThat(portEvents).as(where + ": the same endpoint never stops listening")
                            .containsExactly(PortEvent.Kind.HANDED_OVER);
                } else if (expected == null && was != null && model.running != null) {
                    assertThat(portEvents).as(where + ": the new listener binds before the old one goes")
                            .containsExactly(PortEvent.Kind.BOUND, PortEvent.Kind.RELEASED);
                }
            } else if (action instanceof ArmLaunchFailure a) {
                launcher.failNextStart(a.code());
                model.armed = a.code();
            } else if (action instanceof InjectFailure) {
                manager.injectFailure("injected at " + where);
                model.instanceFailed();
            } else if (action instanceof Sabotage sabotage) {
                manager.injectFailure(sabotage.fault().switchValue());
                if (before != null) {
                    assertThat(before.sabotaged()).as(where).contains(sabotage.fault());
                }
                model.instanceFailed();
            } else if (action instanceof InstanceFails) {
                if (before != null) {
                    before.failByItself("event loop died at " + where);
                }
                model.instanceFailed();
            } else if (action instanceof StaleInstanceFails f) {
                List<FakeProxy> stale = launcher.instances().stream().filter(p -> p != before).toList();
                if (!stale.isEmpty()) {
                    stale.get(f.pick() % stale.size()).failByItself("late report at " + where);
                }
            } else if (action instanceof RoleChange r) {
                boolean demotion = model.role == NodeRole.MASTER && r.role() != NodeRole.MASTER;
                Statistics.label(ROLE).collect(r.role() == model.role ? "repeated"
                        : r.role() == NodeRole.MASTER ? "promotion" : demotion ? "demotion" : "other non-master");
                manager.roleChanged(r.role());
                model.roleChanged(r.role());
                if (demotion && before != null) {
                    assertThat(before.replacements()).as(where + ": demotion drains the instance, then 1012")
                            .containsExactly(new Replacement(null, model.drainSeconds));
                }
            } else if (action instanceof VariablesChanged) {
                manager.variablesChanged();
                model.variablesChanged();
                assertThat(events.errors().size() - errorsBefore).as(where + ": an error is logged iff both ports are set")
                        .isEqualTo(model.httpsPort != 0 && model.httpPort != 0 ? 1 : 0);
            } else if (action instanceof OpenSessions o) {
                if (before != null) {
                    before.openSessions(o.count());
                }
                if (model.kind == ProxyState.Kind.RUNNING) {
                    model.sessions = o.count();
                }
            } else if (action instanceof NodeRestart n) {
                manager.shutdown();
                if (before != null) {
                    assertThat(before.shutdowns()).as(where + ": shutdown stops the instance").isEqualTo(1);
                }
                model.notRunning(ProxyState.Kind.STOPPED);
                model.role = n.role();
                manager.boot(n.role());
                model.startFromVariables();
            }
            compare(model, where);
        }

        private void set(SetGlobal s, Model model) {
            int v = s.value();
            switch (s.variable()) {
                case HTTPS_PORT -> {
                    if (valid(v)) {
                        settings.httpsPort(v);
                        model.httpsPort = v;
                    }
                }
                case HTTP_PORT -> {
                    if (valid(v)) {
                        settings.httpPort(v);
                        model.httpPort = v;
                    }
                }
                case SSL -> {
                    settings.ssl(v == 1);
                    model.ssl = v == 1;
                }
                case DRAIN_SECONDS -> {
                    settings.drainSeconds(v);
                    model.drainSeconds = v;
                }
                case MESSAGE_LIMIT -> {
                    settings.maxMessageSize(v);
                    model.messageLimit = v;
                }
            }
        }

        /** The registry's range check: anything else is refused with 1231 and changes nothing. */
        private static boolean valid(int port) {
            return port >= 0 && port <= 65535;
        }

        private void compare(Model model, String where) {
            ProxyState state = manager.state();
            ProxyStatus status = manager.status();
            ProxySpec spec = manager.runningSpec();
            Picture seen = new Picture(state.kind(), spec == null ? null : Endpoint.of(spec), launcher.listening(),
                    launcher.starts(), launcher.armed(), status.sessions(), status.lastError() != null);
            assertThat(seen).as(where).isEqualTo(model.picture());
            assertThat(launcher.violations()).as(where + ": launcher contract").isEmpty();
            assertThat(status.state()).as(where + ": status state").isEqualTo(state);
            if (state instanceof ProxyState.Failed f) {
                assertThat(status.lastError()).as(where + ": Last_Error is the failure").isEqualTo(f.reason());
            }
            FakeProxy live = launcher.live();
            if (state instanceof ProxyState.Running r) {
                assertThat(live).as(where + ": live instance").isNotNull();
                assertThat(live.spec()).as(where + ": the manager's instance is the launcher's").isSameAs(spec);
                assertThat(r.generation()).as(where + ": generation").isEqualTo(spec.generation())
                        .isGreaterThanOrEqualTo(lastGeneration);
                lastGeneration = r.generation();
            } else {
                assertThat(live).as(where + ": no live instance").isNull();
            }
        }
    }
}
