package io.wsproxy.control.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.proxy.ProxyEffect.Answer;
import io.wsproxy.control.proxy.ProxyEffect.Launch;
import io.wsproxy.control.proxy.ProxyEffect.Log;
import io.wsproxy.control.proxy.ProxyEffect.Release;
import io.wsproxy.control.proxy.ProxyMachine.Machine;
import io.wsproxy.control.proxy.ProxyMachine.Step;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ProxyMachine#next} on its own: events in, the next machine and its effects out, nothing else. */
class ProxyMachineTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final SettingsSource settings = new SettingsSource();

    @Test
    void aRestartAsksForALaunchAndAnswersOnlyWhenTheLaunchIsReported() {
        Reply reply = new NamedReply("session 7");
        Step asked = ProxyMachine.next(Machine.initial(T0), new ProxyEvent.Restart(settings.httpPort(8080).peek(), reply), T0);

        assertThat(asked.effects()).singleElement().isInstanceOfSatisfying(Launch.class, l -> {
            assertThat(l.spec().port()).isEqualTo(8080);
            assertThat(l.spec().generation()).isEqualTo(1);
            assertThat(l.current()).isNull();
        });
        assertThat(asked.machine().state().kind()).as("nothing runs until the launcher says so")
                .isEqualTo(ProxyState.Kind.STOPPED);
        assertThat(asked.machine().task()).isInstanceOf(ProxyMachine.Task.Launching.class);

        FakeProxy started = new FakeLauncher().startForTest(((Launch) asked.effects().get(0)).spec());
        Step done = ProxyMachine.next(asked.machine(), new ProxyEvent.Launched(1, started), T0);

        assertThat(done.machine().state()).isEqualTo(new ProxyState.Running(ProxyProtocol.HTTP, 8080, 1, T0));
        assertThat(done.machine().live()).isSameAs(started);
        assertThat(done.effects()).filteredOn(e -> !(e instanceof Log)).containsExactly(new Answer(reply, null));
    }

    @Test
    void commandsArrivingDuringALaunchWaitAndRunInOrderAfterIt() {
        Reply first = new NamedReply("first");
        Reply second = new NamedReply("second");
        Reply third = new NamedReply("third");
        Step s = ProxyMachine.next(Machine.initial(T0), new ProxyEvent.Restart(settings.httpPort(8080).peek(), first), T0);
        s = ProxyMachine.next(s.machine(), new ProxyEvent.Restart(settings.ports(8080, 8081).peek(), second), T0);
        s = ProxyMachine.next(s.machine(), new ProxyEvent.RoleChange(NodeRole.LEAF, settings.peek(), third), T0);

        assertThat(s.effects()).isEmpty();
        assertThat(s.machine().waiting()).hasSize(2);

        Step failed = ProxyMachine.next(s.machine(), new ProxyEvent.LaunchFailed(1, ErrorCode.PROXY_BIND_FAILED, "taken"), T0);

        List<ProxyEffect> answers = failed.effects().stream().filter(e -> e instanceof Answer).toList();
        assertThat(answers).extracting(e -> ((Answer) e).reply()).containsExactly(first, second, third);
        assertThat(((Answer) answers.get(0)).error().code()).isEqualTo(9103);
        assertThat(((Answer) answers.get(1)).error().code()).as("the queued RESTART read a conflict").isEqualTo(9101);
        assertThat(((Answer) answers.get(2)).error()).isNull();
        assertThat(failed.machine().role()).isEqualTo(NodeRole.LEAF);
        assertThat(failed.machine().waiting()).isEmpty();
    }

    @Test
    void aReportFromAnotherGenerationChangesNothing() {
        Step asked = ProxyMachine.next(Machine.initial(T0), new ProxyEvent.Restart(settings.httpPort(8080).peek(),
                Reply.NONE), T0);
        FakeProxy started = new FakeLauncher().startForTest(((Launch) asked.effects().get(0)).spec());
        Machine running = ProxyMachine.next(asked.machine(), new ProxyEvent.Launched(1, started), T0).machine();

        Step late = ProxyMachine.next(running, new ProxyEvent.InstanceFailed(0, "an old generation died"), T0);
        Step stale = ProxyMachine.next(running, new ProxyEvent.LaunchFailed(7, ErrorCode.PROXY_TLS_INVALID, "x"), T0);

        assertThat(late.machine()).isEqualTo(running);
        assertThat(stale.machine()).isEqualTo(running);
        assertThat(stale.effects()).isEmpty();
    }

    @Test
    void anInstanceNobodyAskedForIsLetGoAtOnce() {
        FakeProxy stray = new FakeLauncher().startForTest(ProxySpec.of(settings.httpPort(8080).peek(), 9));

        Step s = ProxyMachine.next(Machine.initial(T0), new ProxyEvent.Launched(9, stray), T0);

        assertThat(s.machine().state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
        assertThat(s.effects()).filteredOn(e -> e instanceof Release).containsExactly(new Release(stray, null, 0));
    }

    @Test
    void theInputMachineIsNeverChanged() {
        Machine before = Machine.initial(T0);
        Machine copy = new Machine(before.role(), before.state(), before.live(), before.task(), before.waiting(),
                before.generation(), before.lastError(), before.configFile());

        ProxyMachine.next(before, new ProxyEvent.Restart(settings.httpPort(8080).peek(), Reply.NONE), T0);

        assertThat(before).isEqualTo(copy);
    }

    private record NamedReply(String name) implements Reply {
        @Override
        public void ok() {
        }

        @Override
        public void fail(io.wsproxy.control.SqlException error) {
        }
    }
}
