package io.wsproxy.it.bench;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Another JVM seen through the attach API and its local JMX agent: live heap, diagnostic
 * commands (the ones jcmd runs: GC.class_histogram, JFR.start, JFR.dump, JFR.stop), without
 * starting a jcmd JVM per probe on a 2-core machine.
 */
final class Jmx implements AutoCloseable {
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private final VirtualMachine vm;
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final MemoryMXBean memory;

    private Jmx(VirtualMachine vm, JMXConnector connector) throws Exception {
        this.vm = vm;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
    }

    static Jmx attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return new Jmx(vm, JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
        } catch (Exception e) {
            vm.detach();
            throw e;
        }
    }

    /** The live heap in bytes: a full GC (as jcmd GC.run), then the heap's used size. */
    long liveHeap() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    String classHistogram() throws Exception {
        return command("gcClassHistogram");
    }

    /** A profiling recording (settings=profile) in the running JVM, as jcmd JFR.start would. */
    void startJfr() throws Exception {
        command("jfrStart", "name=bench", "settings=profile");
    }

    void stopJfr(Path file) throws Exception {
        command("jfrDump", "name=bench", "filename=" + file.toAbsolutePath());
        command("jfrStop", "name=bench");
    }

    private String command(String operation, String... args) throws Exception {
        return (String) server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation, new Object[] {args},
                new String[] {String[].class.getName()});
    }

    @Override
    public void close() {
        try {
            connector.close();
            vm.detach();
        } catch (Exception ignored) {
            // the target may be gone already
        }
    }
}
