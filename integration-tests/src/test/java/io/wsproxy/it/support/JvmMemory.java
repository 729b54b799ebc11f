package io.wsproxy.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Another JVM's memory, read with {@code jcmd} (it must run as the same user). */
public final class JvmMemory {
    /** G1: "garbage-first heap total 24576K, used 5787K"; Serial/Parallel: one line per generation. */
    private static final Pattern HEAP_USED = Pattern.compile("\\bused (\\d+)K");
    /** NMT summary: "-  Other (reserved=46KB, committed=46KB)". */
    private static final Pattern NMT_OTHER = Pattern.compile("-\\s+Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private JvmMemory() {
    }

    /** Bytes of live heap: a full GC ({@code GC.run}) first, so garbage is not counted. */
    public static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long usedKb = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            if (line.contains("Metaspace")) {
                break; // Metaspace and class space follow the heap lines and are not heap
            }
            Matcher m = HEAP_USED.matcher(line);
            if (m.find()) {
                usedKb += Long.parseLong(m.group(1));
                found = true;
            }
        }
        if (!found) {
            throw new IOException("no heap usage in GC.heap_info:\n" + info);
        }
        return usedKb * 1024;
    }

    /**
     * Bytes committed for NMT's "Other" category: malloc'ed by {@code Unsafe.allocateMemory}, which
     * is where direct ByteBuffers and Netty's direct buffers live. Needs the target started with
     * {@code -XX:NativeMemoryTracking=summary}.
     */
    public static long offHeapCommitted(long pid) throws IOException, InterruptedException {
        String summary = jcmd(pid, "VM.native_memory", "summary");
        Matcher m = NMT_OTHER.matcher(summary);
        if (!m.find()) {
            throw new IOException("no 'Other' category in VM.native_memory summary (was NMT on?):\n" + summary);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                Long.toString(pid)));
        line.addAll(List.of(command));
        Path output = Files.createTempFile("jcmd", ".out");
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jcmd " + String.join(" ", command) + " did not finish in 60 s");
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("jcmd " + String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
