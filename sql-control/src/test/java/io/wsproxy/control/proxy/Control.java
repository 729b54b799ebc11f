package io.wsproxy.control.proxy;

import java.time.Clock;

/**
 * The node's side of a {@link ProxyManager} in tests: each command reads the variables once from
 * a {@link SettingsSource}, as the engine reads its registry once per statement. Deterministic:
 * the manager runs on a {@link Trampoline}, so every command has finished, launcher outcomes
 * included, when its call returns.
 */
final class Control {
    private final SettingsSource settings;
    private final String configFile;
    private final ProxyManager manager;

    Control(ProxyLauncher launcher, SettingsSource settings, ProxyEvents events, Clock clock, String configFile) {
        this.settings = settings;
        this.configFile = configFile;
        Trampoline trampoline = new Trampoline();
        this.manager = new ProxyManager(launcher, events, clock, trampoline, trampoline, () -> { });
    }

    /** The same on two real threads, for concurrency tests. */
    static Control threaded(ProxyLauncher launcher, SettingsSource settings, ProxyEvents events, Clock clock) {
        return new Control(ProxyManager.start(launcher, events, clock), settings);
    }

    private Control(ProxyManager manager, SettingsSource settings) {
        this.manager = manager;
        this.settings = settings;
        this.configFile = "memsql.cnf";
    }

    void boot(NodeRole role) {
        manager.boot(role, settings.get(), configFile);
    }

    void restart() {
        manager.restart(settings.get());
    }

    void roleChanged(NodeRole role) {
        manager.roleChanged(role, settings.get());
    }

    void variablesChanged() {
        manager.settingsChanged(settings.get());
    }

    void injectFailure(String value) {
        manager.injectFailure(value);
    }

    void shutdown() {
        manager.shutdown();
    }

    ProxyState state() {
        return manager.state();
    }

    ProxyStatus status() {
        return manager.status();
    }

    ProxySpec runningSpec() {
        return manager.runningSpec();
    }

    NodeRole role() {
        return manager.role();
    }

    ProxyManager manager() {
        return manager;
    }
}
