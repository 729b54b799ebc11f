package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** results.md (the table, then notes and profiles) and results.json, with the same data. */
final class Report {
    private Report() {
    }

    /** The machine and the code measured. */
    record Context(int cores, String jvm, String os, String commit, String date, long wallSeconds) {
        static Context here(Path repo, long wallSeconds) throws Exception {
            return new Context(Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"), commit(repo),
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString(), wallSeconds);
        }

        private static String commit(Path repo) throws Exception {
            String head = git(repo, "rev-parse", "--short", "HEAD");
            String dirty = git(repo, "status", "--porcelain", "--untracked-files=no");
            String commit = dirty.isBlank() ? head : head + " (with uncommitted changes)";
            // -Dproxy.jar / -Dengine.jar from outside the repository: another build (an older
            // commit's) measured with this harness.
            Path root = repo.toAbsolutePath().normalize();
            for (String jar : List.of("proxy.jar", "engine.jar")) {
                String value = System.getProperty(jar);
                if (value != null && !Path.of(value).toAbsolutePath().normalize().startsWith(root)) {
                    commit += "; " + jar + " = " + value;
                }
            }
            return commit;
        }

        private static String git(Path repo, String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? out : "unknown";
        }
    }

    static String markdown(Context c, List<CaseResult> results, Map<String, String> profiles) {
        StringBuilder md = new StringBuilder();
        md.append("# wsproxy benchmarks\n\n");
        md.append("- machine: ").append(c.cores()).append(" cores, ").append(c.jvm()).append(", ").append(c.os()).append('\n');
        md.append("- commit: ").append(c.commit()).append('\n');
        md.append("- date: ").append(c.date()).append('\n');
        md.append("- suite wall time: ").append(c.wallSeconds()).append(" s\n\n");
        md.append("| id | case | via proxy | baseline | ratio | target | result |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (CaseResult r : results) {
            md.append("| ").append(String.join(" | ", r.id(), r.title(), r.proxied(), r.baseline(), r.ratio(), r.target(),
                    r.verdict() == CaseResult.Verdict.NOT_BUILT ? "not built yet" : r.verdict().name()))
                    .append(" |\n");
        }
        md.append("\nFigures are medians of the measured runs; each run's figures are in results.json.\n\n## Notes\n\n");
        for (CaseResult r : results) {
            md.append("- **").append(r.id()).append("** ").append(r.notes()).append('\n');
        }
        if (!profiles.isEmpty()) {
            md.append("\n## Profiles of the misses, syscall censuses\n");
            profiles.forEach((id, text) -> md.append("\n### ").append(id).append("\n\n```\n").append(text).append("```\n"));
        }
        return md.toString();
    }

    static void write(Path dir, Context c, List<CaseResult> results, Map<String, String> profiles) throws IOException {
        String md = markdown(c, results, profiles);
        Files.writeString(dir.resolve("results.md"), md);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", c.cores());
        machine.put("jvm", c.jvm());
        machine.put("os", c.os());
        root.put("commit", c.commit());
        root.put("date", c.date());
        root.put("wallSeconds", c.wallSeconds());
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : results) {
            ObjectNode n = cases.addObject();
            n.put("id", r.id());
            n.put("case", r.title());
            n.put("viaProxy", r.proxied());
            n.put("baseline", r.baseline());
            n.put("ratio", r.ratio());
            n.put("target", r.target());
            n.put("result", r.verdict().name());
            n.put("notes", r.notes());
            n.set("data", r.data());
            if (profiles.containsKey(r.id())) {
                n.put("profile", profiles.get(r.id()));
            }
        }
        mapper.writeValue(dir.resolve("results.json").toFile(), root);
        System.out.println(md);
    }
}
