package io.wsproxy.control.proxy;

import io.wsproxy.control.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A socket-free {@link ProxyLauncher} that keeps the books a real one leaves to the kernel, by the
 * real launcher's rules.
 *
 * <p>Ports: a port held by another process ({@link #occupy}) cannot be bound (9103). A port held
 * by our live instance ({@code current}) can: a spec that can take over its listener
 * ({@link ProxySpec#canTakeOverListenerOf}) swaps in behind it (HANDED_OVER, the port never
 * stops listening); any other spec on that port (the other protocol, a new message limit) binds a
 * second listener beside it, as the real launcher does with SO_REUSEPORT, and the old listener
 * closes when the manager lets it go. A port held by an instance that is not {@code current}
 * is in use (9103).
 *
 * <p>Draining: an instance replaced on another endpoint (or by nothing) stops accepting at once
 * ({@link RunningProxy#replacedBy}): it leaves {@link #listening()} immediately and shows in
 * {@link #draining()} with its drain period. Time never passes here, so it drains for ever; nothing
 * in the manager waits for the drain to end.
 *
 * <p>Anything the manager does that a real launcher could not survive (two starts at once, a
 * {@code current} that is not the live instance, releasing the old port before the new one is
 * bound, stopping an instance twice) is written to {@link #violations()} instead of thrown, so the
 * manager's own behaviour stays observable.
 */
final class FakeLauncher implements ProxyLauncher {

    /** Protocol and port: what a client connects to. */
    record Endpoint(ProxyProtocol protocol, int port) {
        static Endpoint of(ProxySpec spec) {
            return new Endpoint(spec.protocol(), spec.port());
        }

        @Override
        public String toString() {
            return protocol.scheme() + ":" + port;
        }
    }

    /** What happened to a listening socket, in order. */
    record PortEvent(Kind kind, Endpoint endpoint, long generation) {
        enum Kind { BOUND, HANDED_OVER, RELEASED }
    }

    private final Set<Integer> occupied = new HashSet<>();
    /** The listeners on each port, oldest first: two only while a restart overlaps on one port. */
    private final Map<Integer, List<FakeProxy>> owners = new HashMap<>();
    private final List<FakeProxy> instances = new ArrayList<>();
    private final List<PortEvent> journal = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger inStart = new AtomicInteger();
    private ErrorCode armed;
    private FakeProxy live;
    private int starts;

    @Override
    public RunningProxy start(ProxySpec spec, RunningProxy current, Consumer<String> onFailure)
            throws ProxyLaunchException {
        if (inStart.incrementAndGet() != 1) {
            violation("two start() calls at once: transitions are not serialized");
        }
        try {
            return startSerialized(spec, current, onFailure);
        } finally {
            inStart.decrementAndGet();
        }
    }

    private synchronized FakeProxy startSerialized(ProxySpec spec, RunningProxy current, Consumer<String> onFailure)
            throws ProxyLaunchException {
        starts++;
        if (current != live) {
            violation("start(" + spec + ") was given " + current + " while the live instance is " + live);
        }
        if (armed != null) {
            ErrorCode code = armed;
            armed = null;
            throw new ProxyLaunchException(code, code == ErrorCode.PROXY_BIND_FAILED
                    ? "cannot bind port " + spec.port() + ": Permission denied"
                    : "ssl_cert does not match ssl_key");
        }
        int port = spec.port();
        List<FakeProxy> holders = owners.computeIfAbsent(port, p -> new ArrayList<>());
        FakeProxy next = new FakeProxy(this, spec, onFailure);
        boolean ours = holders.size() == 1 && holders.get(0) == current;
        if (occupied.contains(port) || !holders.isEmpty() && !ours) {
            throw new ProxyLaunchException(ErrorCode.PROXY_BIND_FAILED, "cannot bind port " + port
                    + ": Address already in use (" + (holders.isEmpty() ? "another process" : holders.get(0)) + ")");
        }
        if (!holders.isEmpty() && spec.canTakeOverListenerOf(current.spec())) {
            holders.set(0, next); // I1: the same listener, no refusal window
            journal.add(new PortEvent(PortEvent.Kind.HANDED_OVER, Endpoint.of(spec), spec.generation()));
        } else {
            holders.add(next);
            journal.add(new PortEvent(PortEvent.Kind.BOUND, Endpoint.of(spec), spec.generation()));
        }
        instances.add(next);
        live = next;
        return next;
    }

    /** An instance for tests of the state machine alone: bound nowhere, reporting to nobody. */
    FakeProxy startForTest(ProxySpec spec) {
        return new FakeProxy(this, spec, reason -> { });
    }

    /** Another process holds {@code port}: binding it fails with 9103. */
    synchronized FakeLauncher occupy(int port) {
        occupied.add(port);
        return this;
    }

    /** The next {@link #start} throws {@code code} (9103 or 9105) before binding anything. */
    synchronized FakeLauncher failNextStart(ErrorCode code) {
        if (code != ErrorCode.PROXY_BIND_FAILED && code != ErrorCode.PROXY_TLS_INVALID) {
            throw new IllegalArgumentException("a launch fails with 9103 or 9105, not " + code);
        }
        armed = code;
        return this;
    }

    synchronized ErrorCode armed() {
        return armed;
    }

    synchronized FakeLauncher disarm() {
        armed = null;
        return this;
    }

    /** The endpoints our instances accept connections on now. */
    synchronized Set<Endpoint> listening() {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (List<FakeProxy> listeners : owners.values()) {
            listeners.forEach(p -> endpoints.add(Endpoint.of(p.spec())));
        }
        return endpoints;
    }

    /** Replaced instances that no longer accept but still let their sessions finish. */
    synchronized List<FakeProxy> draining() {
        return instances.stream().filter(p -> p.status() == FakeProxy.Status.DRAINING).toList();
    }

    /** Every instance ever started, oldest first. */
    synchronized List<FakeProxy> instances() {
        return List.copyOf(instances);
    }

    /** The instance started last, unless it has since been stopped, replaced by nothing, or has failed. */
    synchronized FakeProxy live() {
        return live;
    }

    /** Calls of {@link #start}, failed ones included. */
    synchronized int starts() {
        return starts;
    }

    synchronized List<PortEvent> journal() {
        return List.copyOf(journal);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    /** Called by an instance, under this lock, when it stops accepting. */
    void releaseIfOwner(FakeProxy instance) {
        List<FakeProxy> listeners = owners.getOrDefault(instance.spec().port(), List.of());
        if (listeners.remove(instance)) {
            journal.add(new PortEvent(PortEvent.Kind.RELEASED, Endpoint.of(instance.spec()),
                    instance.spec().generation()));
        }
    }

    /** Called by an instance, under this lock. */
    boolean isListening(FakeProxy instance) {
        return owners.getOrDefault(instance.spec().port(), List.of()).contains(instance);
    }

    /** Called by an instance, under this lock, when it is gone for good. */
    void ended(FakeProxy instance) {
        if (live == instance) {
            live = null;
        }
    }
}
