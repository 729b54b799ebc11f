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
 * A socket-free {@link ProxyLauncher} that keeps the books a real one would leave to the kernel.
 *
 * <p>Ports: one listener per TCP port, as without SO_REUSEPORT. A port held by another process
 * ({@link #occupy}) or by one of our instances cannot be bound (9103), with the one exception the
 * contract makes: a spec on {@code current}'s endpoint takes over its socket, so that endpoint never
 * stops listening. Switching protocol on the same port is therefore a 9103, since I1 wants the new
 * port bound before the old one is let go.
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
    private final Map<Integer, FakeProxy> owners = new HashMap<>();
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
        FakeProxy holder = owners.get(port);
        FakeProxy next = new FakeProxy(this, spec, onFailure);
        if (holder != null && holder == current && spec.sameEndpoint(holder.spec())) {
            owners.put(port, next); // I1: same endpoint, same socket, no refusal window
            journal.add(new PortEvent(PortEvent.Kind.HANDED_OVER, Endpoint.of(spec), spec.generation()));
        } else if (occupied.contains(port) || holder != null) {
            throw new ProxyLaunchException(ErrorCode.PROXY_BIND_FAILED, "cannot bind port " + port
                    + ": Address already in use (" + (holder != null ? holder : "another process") + ")");
        } else {
            owners.put(port, next);
            journal.add(new PortEvent(PortEvent.Kind.BOUND, Endpoint.of(spec), spec.generation()));
        }
        instances.add(next);
        live = next;
        return next;
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
        for (FakeProxy p : owners.values()) {
            endpoints.add(Endpoint.of(p.spec()));
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
        int port = instance.spec().port();
        if (owners.get(port) == instance) {
            owners.remove(port);
            journal.add(new PortEvent(PortEvent.Kind.RELEASED, Endpoint.of(instance.spec()),
                    instance.spec().generation()));
        }
    }

    /** Called by an instance, under this lock. */
    boolean isListening(FakeProxy instance) {
        return owners.get(instance.spec().port()) == instance;
    }

    /** Called by an instance, under this lock, when it is gone for good. */
    void ended(FakeProxy instance) {
        if (live == instance) {
            live = null;
        }
    }
}
