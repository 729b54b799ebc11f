package io.wsproxy.control.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.proxy.FakeLauncher.Endpoint;
import io.wsproxy.control.proxy.FakeLauncher.PortEvent;
import io.wsproxy.control.proxy.FakeProxy.Replacement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ProxyManager contract, DESIGN.md section 4, one nested group per invariant. */
class ProxyManagerTest {
    private static final String CONFIG_FILE = "/var/lib/memsql/node-1/memsql.cnf";

    private final MutableClock clock = new MutableClock();
    private final SettingsSource settings = new SettingsSource();
    private final FakeLauncher launcher = new FakeLauncher();
    private final RecordingEvents events = new RecordingEvents();
    private final Control manager = new Control(launcher, settings, events, clock, CONFIG_FILE);

    @AfterEach
    void launcherWasNeverAskedTheImpossible() {
        assertThat(launcher.violations()).isEmpty();
    }

    @Nested
    class I1AtomicRestart {

        @Test
        void restartRunsExactlyTheProtocolAndPortOfTheVariables() {
            manager.boot(NodeRole.MASTER);
            settings.httpPort(8080);
            clock.advance(Duration.ofMinutes(1));

            manager.restart();

            assertThat(manager.state()).isInstanceOfSatisfying(ProxyState.Running.class, r -> {
                assertThat(r.protocol()).isEqualTo(ProxyProtocol.HTTP);
                assertThat(r.port()).isEqualTo(8080);
                assertThat(r.since()).isEqualTo(clock.instant());
            });
            assertThat(manager.runningSpec().settings()).isEqualTo(settings.peek());
            assertThat(launcher.listening()).containsExactly(http(8080));
        }

        @Test
        void restartRunsWithTheSettingsItsStatementReadEvenWhenTheyChangeMeanwhile() {
            ProxySettings read = settings.httpPort(8080).peek();
            settings.ports(8443, 0).ssl(false); // would be a 9102

            manager.manager().restart(read);

            assertThat(manager.runningSpec().settings()).isEqualTo(read);
            assertThat(launcher.listening()).containsExactly(http(8080));
        }

        @ParameterizedTest
        @EnumSource(value = ErrorCode.class, names = {"PROXY_BIND_FAILED", "PROXY_TLS_INVALID"})
        void aLaunchFailureIsThrownWithItsCodeAndChangesNothing(ErrorCode code) {
            Before before = runningWithAnEarlierError(8080);
            settings.httpPort(8081);
            launcher.failNextStart(code);

            SqlException e = restartFails();

            assertThat(e.code()).isEqualTo(code.code());
            assertThat(e.sqlState()).isEqualTo("HY000");
            assertUntouched(before);
        }

        @Test
        void restartOnAPortTakenByAnotherProcessFailsWith9103AndTheOldInstanceKeepsServing() {
            Before before = runningWithAnEarlierError(8080);
            settings.httpPort(8081);
            launcher.occupy(8081);

            assertThat(restartFails().code()).isEqualTo(9103);
            assertUntouched(before);
        }

        @Test
        void theNewPortListensBeforeTheOldOneIsLetGo() {
            boot(settings.httpPort(8080));
            settings.httpPort(8081);

            manager.restart();

            List<PortEvent> journal = launcher.journal();
            assertThat(journal).extracting(PortEvent::kind, PortEvent::endpoint).containsSubsequence(
                    tuple(PortEvent.Kind.BOUND, http(8081)),
                    tuple(PortEvent.Kind.RELEASED, http(8080)));
            assertThat(launcher.listening()).containsExactly(http(8081));
        }

        @Test
        void restartOnTheSameEndpointHandsTheSocketOverWithoutARefusalWindow() {
            boot(settings.httpPort(8080));
            FakeProxy old = launcher.live();

            manager.restart();

            FakeProxy next = launcher.live();
            assertThat(next).isNotSameAs(old);
            assertThat(old.replacements()).containsExactly(new Replacement(next, SettingsSource.DEFAULT_DRAIN_SECONDS));
            assertThat(old.status()).isEqualTo(FakeProxy.Status.HANDED_OVER);
            assertThat(launcher.journal()).extracting(PortEvent::kind)
                    .containsExactly(PortEvent.Kind.BOUND, PortEvent.Kind.HANDED_OVER);
            assertThat(running().generation()).isGreaterThan(old.spec().generation());
        }

        @Test
        void restartWithBothPortsZeroTurnsTheProxyOff() {
            boot(settings.httpPort(8080));
            FakeProxy old = launcher.live();
            settings.httpPort(0);
            int starts = launcher.starts();

            manager.restart();

            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
            assertThat(manager.runningSpec()).isNull();
            assertThat(old.replacements()).containsExactly(new Replacement(null, SettingsSource.DEFAULT_DRAIN_SECONDS));
            assertThat(launcher.listening()).isEmpty();
            assertThat(launcher.starts()).isEqualTo(starts);
        }

        /** What RESTART PROXY must leave as it was when it fails. */
        private record Before(FakeProxy instance, ProxyStatus status, ProxySpec spec) {
        }

        /** Running on {@code port} with three sessions, and a Last_Error left from a refused boot. */
        private Before runningWithAnEarlierError(int port) {
            settings.ports(8443, port);
            manager.boot(NodeRole.MASTER); // refused: 9101, Last_Error set
            settings.httpsPort(0);
            manager.restart();
            launcher.live().openSessions(3);
            Before before = new Before(launcher.live(), manager.status(), manager.runningSpec());
            assertThat(before.status().lastError()).contains("9101");
            assertThat(before.status().sessions()).isEqualTo(3);
            clock.advance(Duration.ofMinutes(1));
            return before;
        }

        private void assertUntouched(Before before) {
            FakeProxy old = before.instance();
            assertThat(manager.status()).isEqualTo(before.status());
            assertThat(manager.runningSpec()).isSameAs(before.spec());
            assertThat(launcher.live()).isSameAs(old);
            assertThat(launcher.listening()).containsExactly(Endpoint.of(old.spec()));
            assertThat(old.status()).isEqualTo(FakeProxy.Status.LISTENING);
            assertThat(old.replacements()).isEmpty();
            assertThat(old.shutdowns()).isZero();
            assertThat(old.sessions()).isEqualTo(3);
        }
    }

    @Nested
    class SamePortRestart {

        @Test
        void aProtocolSwitchOnOnePortBindsBesideTheOldListenerBeforeLettingItGo() {
            boot(settings.httpPort(8443));
            FakeProxy old = launcher.live();
            settings.ports(8443, 0);

            manager.restart();

            assertThat(launcher.journal()).extracting(PortEvent::kind, PortEvent::endpoint).containsSubsequence(
                    tuple(PortEvent.Kind.BOUND, https(8443)),
                    tuple(PortEvent.Kind.RELEASED, http(8443)));
            assertThat(launcher.listening()).containsExactly(https(8443));
            assertThat(old.replacements()).containsExactly(
                    new Replacement(launcher.live(), SettingsSource.DEFAULT_DRAIN_SECONDS));
            assertThat(running().protocol()).isEqualTo(ProxyProtocol.HTTPS);
        }

        @Test
        void aFailedProtocolSwitchLeavesTheOldListenerServingItsSessions() {
            boot(settings.httpPort(8443));
            FakeProxy old = launcher.live();
            old.openSessions(2);
            ProxyState running = manager.state();
            settings.ports(8443, 0);
            launcher.failNextStart(ErrorCode.PROXY_TLS_INVALID);

            assertThat(restartFails().code()).isEqualTo(9105);

            assertThat(manager.state()).isEqualTo(running);
            assertThat(launcher.listening()).containsExactly(http(8443));
            assertThat(old.status()).isEqualTo(FakeProxy.Status.LISTENING);
            assertThat(manager.status().sessions()).isEqualTo(2);
        }

        @Test
        void aNewMessageLimitOnTheSameEndpointBindsANewListenerBeforeTheOldOneCloses() {
            boot(settings.httpPort(8080));
            settings.maxMessageSize(4 << 20);

            manager.restart();

            assertThat(launcher.journal()).extracting(PortEvent::kind, PortEvent::generation).containsExactly(
                    tuple(PortEvent.Kind.BOUND, 1L), tuple(PortEvent.Kind.BOUND, 2L), tuple(PortEvent.Kind.RELEASED, 1L));
            assertThat(manager.runningSpec().settings().maxMessageSize()).isEqualTo(4 << 20);
            assertThat(launcher.listening()).containsExactly(http(8080));
        }
    }

    @Nested
    class I2NoSelfRestart {

        @Test
        void anInstanceFailureLeavesTheProxyFailedWithTheReason() {
            boot(settings.httpPort(8080));
            clock.advance(Duration.ofSeconds(5));

            launcher.live().failByItself("event loop died");

            assertThat(manager.state()).isInstanceOfSatisfying(ProxyState.Failed.class, f -> {
                assertThat(f.reason()).contains("event loop died");
                assertThat(f.since()).isEqualTo(clock.instant());
                assertThat(manager.status().lastError()).isEqualTo(f.reason());
                assertThat(events.errors()).anySatisfy(e -> assertThat(e).contains(f.reason()));
            });
            assertThat(manager.runningSpec()).isNull();
            assertThat(launcher.listening()).isEmpty();
        }

        @Test
        void afterAFailureNothingButRestartStartsAProxy() {
            boot(settings.httpPort(8080));
            launcher.live().failByItself("engine socket vanished");
            ProxyState failed = manager.state();
            int starts = launcher.starts();

            clock.advance(Duration.ofHours(1));
            manager.variablesChanged();
            settings.httpPort(8081);
            manager.variablesChanged();
            settings.httpsPort(8443);
            manager.variablesChanged();
            manager.status();
            manager.injectFailure("again");

            assertThat(launcher.starts()).isEqualTo(starts);
            assertThat(manager.state()).isEqualTo(failed);
        }

        @Test
        void aRepeatedMasterNoticeDoesNotRestartAFailedProxy() {
            boot(settings.httpPort(8080));
            launcher.live().failByItself("server closed");
            ProxyState failed = manager.state();
            int starts = launcher.starts();

            manager.roleChanged(NodeRole.MASTER);

            assertThat(launcher.starts()).isEqualTo(starts);
            assertThat(manager.state()).isEqualTo(failed);
        }

        @Test
        void restartRecoversFromFailed() {
            boot(settings.httpPort(8080));
            launcher.live().failByItself("server closed");

            manager.restart();

            assertThat(running().port()).isEqualTo(8080);
            assertThat(launcher.listening()).containsExactly(http(8080));
            assertThat(launcher.instances()).hasSize(2);
        }

        @Test
        void injectFailureCrashesTheRunningInstance() {
            boot(settings.httpPort(8080));
            FakeProxy instance = launcher.live();

            manager.injectFailure("chaos test");

            assertThat(instance.crashes()).containsExactly("chaos test");
            assertThat(manager.state()).isInstanceOfSatisfying(ProxyState.Failed.class,
                    f -> assertThat(f.reason()).contains("chaos test"));
            assertThat(launcher.listening()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(ProxyFault.class)
        void aPartBrokenByTheFaultSwitchIsReportedByTheInstanceAndLeavesTheProxyFailed(ProxyFault fault) {
            boot(settings.httpPort(8080));
            FakeProxy instance = launcher.live();

            manager.injectFailure(fault.switchValue());

            assertThat(instance.sabotaged()).containsExactly(fault);
            assertThat(manager.state()).isInstanceOfSatisfying(ProxyState.Failed.class,
                    f -> assertThat(f.reason()).contains(fault.switchValue()));
            assertThat(launcher.listening()).isEmpty();
        }

        @Test
        void aFailureReportedBeforeTheLaunchIsReportedIsNotLost() {
            settings.httpPort(8080);
            ProxyLauncher diesAtOnce = (spec, current, onFailure) -> {
                RunningProxy started = launcher.start(spec, current, onFailure);
                onFailure.accept("event loop died during start");
                return started;
            };
            Control control = new Control(diesAtOnce, settings, events, clock, CONFIG_FILE);

            control.boot(NodeRole.MASTER);

            assertThat(control.state()).isInstanceOfSatisfying(ProxyState.Failed.class,
                    f -> assertThat(f.reason()).contains("event loop died during start"));
        }

        @Test
        void injectFailureWithNothingRunningChangesNothing() {
            manager.boot(NodeRole.MASTER);
            ProxyState stopped = manager.state();

            manager.injectFailure("chaos test");

            assertThat(manager.state()).isEqualTo(stopped);
            assertThat(manager.status().lastError()).isNull();
            assertThat(events.infos()).anySatisfy(i -> assertThat(i).contains("no proxy is running"));
        }

        @Test
        void aFailureReportFromAnInstanceReplacedOnAnotherPortIsIgnored() {
            boot(settings.httpPort(8080));
            FakeProxy old = launcher.live();
            settings.httpPort(8081);
            manager.restart();
            ProxyState running = manager.state();

            old.failByItself("drained instance lost its engine socket");

            assertThat(manager.state()).isEqualTo(running);
            assertThat(manager.status().lastError()).isNull();
            assertThat(launcher.listening()).containsExactly(http(8081));
        }

        @Test
        void aFailureReportFromAnInstanceReplacedOnTheSameEndpointIsIgnored() {
            boot(settings.httpPort(8080));
            FakeProxy old = launcher.live();
            manager.restart();
            ProxyState running = manager.state();

            old.failByItself("handed-over instance died");

            assertThat(manager.state()).isEqualTo(running);
            assertThat(launcher.listening()).containsExactly(http(8080));
        }
    }

    @Nested
    class I3Conflict {

        @Test
        void bootWithBothPortsSetDoesNotStartAndNamesTheConfigFile() {
            settings.ports(8443, 8080);

            manager.boot(NodeRole.MASTER);

            assertThat(manager.state()).isInstanceOfSatisfying(ProxyState.Failed.class, f -> {
                assertThat(f.reason()).contains("9101", CONFIG_FILE);
                assertThat(manager.status().lastError()).isEqualTo(f.reason());
            });
            assertThat(events.errors()).anySatisfy(e -> assertThat(e).contains("9101", CONFIG_FILE));
            assertThat(launcher.starts()).isZero();
        }

        @Test
        void aSetCreatingAConflictLogsAnErrorAndTheRunningProxyKeepsServing() {
            boot(settings.httpPort(8080));
            FakeProxy instance = launcher.live();
            ProxyState running = manager.state();
            settings.httpsPort(8443);

            manager.variablesChanged();

            assertThat(events.errors()).singleElement().asString().contains("9101");
            assertThat(manager.state()).isEqualTo(running);
            assertThat(instance.status()).isEqualTo(FakeProxy.Status.LISTENING);
            assertThat(instance.replacements()).isEmpty();
            assertThat(launcher.listening()).containsExactly(http(8080));
        }

        @Test
        void variablesWithoutAConflictLogNoError() {
            boot(settings.httpPort(8080));
            settings.httpPort(8081);

            manager.variablesChanged();

            assertThat(events.errors()).isEmpty();
        }

        @Test
        void restartFailsWith9101UntilOnePortIsZero() {
            boot(settings.httpPort(8080));
            ProxyState running = manager.state();
            settings.httpsPort(8443);
            int starts = launcher.starts();

            for (int attempt = 0; attempt < 2; attempt++) {
                SqlException e = restartFails();
                assertThat(e.code()).isEqualTo(9101);
                assertThat(e.sqlState()).isEqualTo("HY000");
                assertThat(manager.state()).isEqualTo(running);
            }
            assertThat(launcher.starts()).isEqualTo(starts);

            settings.httpPort(0);
            manager.restart();
            assertThat(launcher.listening()).containsExactly(https(8443));
        }
    }

    @Nested
    class I4HttpsNeedsSsl {

        @Test
        void bootWithAnHttpsPortAndNoSslDoesNotStart() {
            settings.httpsPort(8443).ssl(false);

            manager.boot(NodeRole.MASTER);

            assertThat(manager.state()).isInstanceOfSatisfying(ProxyState.Failed.class,
                    f -> assertThat(f.reason()).contains("9102", CONFIG_FILE));
            assertThat(events.errors()).anySatisfy(e -> assertThat(e).contains("9102"));
            assertThat(launcher.starts()).isZero();
        }

        @Test
        void restartWithAnHttpsPortAndNoSslFailsWith9102() {
            boot(settings.httpPort(8080));
            ProxyState running = manager.state();
            settings.ports(8443, 0).ssl(false);

            SqlException e = restartFails();

            assertThat(e.code()).isEqualTo(9102);
            assertThat(manager.state()).isEqualTo(running);
            assertThat(launcher.listening()).containsExactly(http(8080));
        }

        @Test
        void anHttpsPortWithSslStartsHttps() {
            boot(settings.httpsPort(8443).ssl(true));

            assertThat(running().protocol()).isEqualTo(ProxyProtocol.HTTPS);
            assertThat(launcher.listening()).containsExactly(https(8443));
        }
    }

    @Nested
    class I5MasterAggregatorOnly {

        @ParameterizedTest
        @EnumSource(value = NodeRole.class, names = {"AGGREGATOR", "LEAF"})
        void aNonMasterWithAPortSetBootsDormant(NodeRole role) {
            settings.httpPort(8080);

            manager.boot(role);

            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.DORMANT);
            assertThat(launcher.starts()).isZero();
        }

        @ParameterizedTest
        @EnumSource(value = NodeRole.class, names = {"AGGREGATOR", "LEAF"})
        void aNonMasterWithoutPortsBootsStopped(NodeRole role) {
            manager.boot(role);

            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
        }

        @ParameterizedTest
        @EnumSource(value = NodeRole.class, names = {"AGGREGATOR", "LEAF"})
        void restartOnANonMasterFailsWith9104(NodeRole role) {
            settings.httpPort(8080);
            manager.boot(role);
            ProxyState dormant = manager.state();

            SqlException e = restartFails();

            assertThat(e.code()).isEqualTo(9104);
            assertThat(e.sqlState()).isEqualTo("HY000");
            assertThat(manager.state()).isEqualTo(dormant);
            assertThat(launcher.starts()).isZero();
        }

        @Test
        void aPortSetOnANonMasterMakesItDormantAndBackToStoppedWithoutStartingAnything() {
            manager.boot(NodeRole.LEAF);
            settings.httpPort(8080);

            manager.variablesChanged();
            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.DORMANT);

            settings.httpPort(0);
            manager.variablesChanged();
            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
            assertThat(launcher.starts()).isZero();
        }

        @Test
        void promotionStartsTheProxyWhenTheVariablesAskForOne() {
            settings.httpPort(8080);
            manager.boot(NodeRole.AGGREGATOR);

            manager.roleChanged(NodeRole.MASTER);

            assertThat(running().port()).isEqualTo(8080);
            assertThat(launcher.listening()).containsExactly(http(8080));
        }

        @Test
        void promotionWithoutPortsStartsNothing() {
            manager.boot(NodeRole.LEAF);

            manager.roleChanged(NodeRole.MASTER);

            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
            assertThat(launcher.starts()).isZero();
        }

        @Test
        void promotionWithBothPortsSetFailsNamingTheConfigFile() {
            settings.ports(8443, 8080);
            manager.boot(NodeRole.AGGREGATOR);

            manager.roleChanged(NodeRole.MASTER);

            assertThat(manager.state()).isInstanceOfSatisfying(ProxyState.Failed.class,
                    f -> assertThat(f.reason()).contains("9101", CONFIG_FILE));
            assertThat(launcher.starts()).isZero();
        }

        @Test
        void demotionStopsTheRunningProxyAndLeavesItDormant() {
            boot(settings.httpPort(8080));
            FakeProxy instance = launcher.live();

            manager.roleChanged(NodeRole.AGGREGATOR);

            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.DORMANT);
            assertThat(instance.shutdowns()).isZero();
            assertThat(instance.replacements()).as("drains, then 1012")
                    .containsExactly(new Replacement(null, SettingsSource.DEFAULT_DRAIN_SECONDS));
            assertThat(launcher.listening()).isEmpty();
            assertThat(manager.runningSpec()).isNull();
        }
    }

    @Nested
    class I6TheVariableIsNotTheState {

        @Test
        void aNewPortWithoutRestartLeavesTheRunningProxyAsItIs() {
            boot(settings.httpPort(8080));
            ProxyState running = manager.state();
            ProxySpec spec = manager.runningSpec();
            int starts = launcher.starts();
            settings.httpPort(8081);

            manager.variablesChanged();

            assertThat(manager.state()).isEqualTo(running);
            assertThat(manager.runningSpec()).isSameAs(spec);
            assertThat(launcher.starts()).isEqualTo(starts);
            assertThat(launcher.listening()).containsExactly(http(8080));
        }

        @Test
        void portsSetToZeroWithoutRestartLeaveTheProxyRunning() {
            boot(settings.httpPort(8080));
            settings.httpPort(0);

            manager.variablesChanged();

            assertThat(running().port()).isEqualTo(8080);
            assertThat(launcher.listening()).containsExactly(http(8080));
        }

        @Test
        void aPortSetOnAStoppedMasterStartsNothingUntilRestart() {
            manager.boot(NodeRole.MASTER);
            settings.httpPort(8080);

            manager.variablesChanged();
            manager.roleChanged(NodeRole.MASTER); // a repeated notice is not a promotion

            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
            assertThat(launcher.starts()).isZero();
        }

        @Test
        void statusReportsTheStateTheSessionsAndNoErrorWhileRunning() {
            boot(settings.httpPort(8080));
            launcher.live().openSessions(7);

            assertThat(manager.status()).isEqualTo(new ProxyStatus(manager.state(), 7, null));
        }

        @Test
        void statusAfterAFailureReportsNoSessionsAndTheLastError() {
            boot(settings.httpPort(8080));
            launcher.live().openSessions(7);
            launcher.live().failByItself("server closed");

            ProxyStatus status = manager.status();

            assertThat(status.state().kind()).isEqualTo(ProxyState.Kind.FAILED);
            assertThat(status.sessions()).isZero();
            assertThat(status.lastError()).contains("server closed");
        }
    }

    @Nested
    class I7Shutdown {

        @Test
        void shutdownStopsTheRunningInstance() {
            boot(settings.httpPort(8080));
            FakeProxy instance = launcher.live();

            manager.shutdown();

            assertThat(instance.shutdowns()).isEqualTo(1);
            assertThat(instance.replacements()).isEmpty();
            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
            assertThat(manager.runningSpec()).isNull();
            assertThat(launcher.listening()).isEmpty();
        }

        @Test
        void shutdownWithNothingRunningIsStopped() {
            settings.ports(8443, 8080);
            manager.boot(NodeRole.MASTER);

            manager.shutdown();

            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
        }

        @Test
        void anInstanceReplacedOnAnotherPortDrainsForTheConfiguredPeriod() {
            boot(settings.httpPort(8080).drainSeconds(25));
            FakeProxy old = launcher.live();
            settings.httpPort(8081);

            manager.restart();

            assertThat(old.replacements()).containsExactly(new Replacement(launcher.live(), 25));
            assertThat(launcher.draining()).containsExactly(old);
        }

        @Test
        void anInstanceReplacedByAnotherProtocolDrainsToo() {
            boot(settings.httpPort(8080).drainSeconds(4));
            FakeProxy old = launcher.live();
            settings.ports(8443, 0);

            manager.restart();

            assertThat(old.replacements()).containsExactly(new Replacement(launcher.live(), 4));
            assertThat(launcher.listening()).containsExactly(https(8443));
        }

        @Test
        void turningTheProxyOffDrainsTheLastInstance() {
            boot(settings.httpPort(8080).drainSeconds(3));
            FakeProxy old = launcher.live();
            settings.httpPort(0);

            manager.restart();

            assertThat(old.replacements()).containsExactly(new Replacement(null, 3));
            assertThat(launcher.draining()).containsExactly(old);
        }

        @Test
        void aFailureReportAfterShutdownIsIgnored() {
            boot(settings.httpPort(8080));
            FakeProxy instance = launcher.live();
            manager.shutdown();

            instance.failByItself("closed by shutdown");

            assertThat(manager.status()).satisfies(s -> {
                assertThat(s.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
                assertThat(s.lastError()).isNull();
            });
        }
    }

    @Nested
    class ErrorPrecedence {

        @Test
        void notMasterComesBeforeAConflict() {
            settings.ports(8443, 8080).ssl(false);
            manager.boot(NodeRole.LEAF);

            assertThat(restartFails().code()).isEqualTo(9104);
        }

        @Test
        void aConflictComesBeforeMissingSsl() {
            settings.ports(8443, 8080).ssl(false);

            assertThat(restartFails().code()).isEqualTo(9101);
        }

        @Test
        void missingSslComesBeforeLaunchErrors() {
            settings.ports(8443, 0).ssl(false);
            launcher.occupy(8443).failNextStart(ErrorCode.PROXY_TLS_INVALID);

            assertThat(restartFails().code()).isEqualTo(9102);
            assertThat(launcher.starts()).isZero();
            assertThat(launcher.armed()).isEqualTo(ErrorCode.PROXY_TLS_INVALID);
        }

        @Test
        void launchErrorsComeLast() {
            settings.ports(8443, 0).ssl(true);
            launcher.failNextStart(ErrorCode.PROXY_TLS_INVALID);

            assertThat(restartFails().code()).isEqualTo(9105);
            assertThat(launcher.starts()).isEqualTo(1);
        }
    }

    private void boot(SettingsSource configured) {
        manager.boot(NodeRole.MASTER);
        assertThat(manager.state().kind()).as("booted from %s", configured.peek()).isEqualTo(ProxyState.Kind.RUNNING);
    }

    private ProxyState.Running running() {
        assertThat(manager.state()).isInstanceOf(ProxyState.Running.class);
        return (ProxyState.Running) manager.state();
    }

    private SqlException restartFails() {
        SqlException e = catchThrowableOfType(SqlException.class, manager::restart);
        assertThat(e).as("RESTART PROXY should have failed").isNotNull();
        return e;
    }

    private static Endpoint http(int port) {
        return new Endpoint(ProxyProtocol.HTTP, port);
    }

    private static Endpoint https(int port) {
        return new Endpoint(ProxyProtocol.HTTPS, port);
    }
}
