package dev.deployc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.diag.Diagnostic;
import dev.deployc.support.Specs;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of the whole compiler: determinism, and no crash whatever the input. */
class CompilerProperties {

    @Property(tries = 200)
    void compilingTwiceGivesIdenticalBytes(@ForAll("validSpecs") String spec) {
        Compiler.Result first = Specs.compile("p.deploy", spec);
        Compiler.Result second = new Compiler().compile(new dev.deployc.diag.Source("p.deploy", spec), "p.deploy");
        assertTrue(first.ok(), () -> "generated spec did not compile:\n" + spec + "\n" + Specs.rendered(first));
        assertEquals(first.files(), second.files());
        assertFalse(first.files().isEmpty());
    }

    @Property(tries = 1000)
    void arbitraryTextNeverCrashes(@ForAll String text) {
        assertWellBehaved(text);
    }

    @Property(tries = 1000)
    void arbitraryTokenSoupNeverCrashes(@ForAll("tokenSoup") String text) {
        assertWellBehaved(text);
    }

    @Property(tries = 300)
    void mutatedValidSpecsNeverCrash(@ForAll("validSpecs") String spec, @ForAll("mutations") List<Integer> cuts) {
        StringBuilder b = new StringBuilder(spec);
        for (int cut : cuts) {
            if (b.length() > 0) b.deleteCharAt(Math.floorMod(cut, b.length()));
        }
        assertWellBehaved(b.toString());
    }

    @net.jqwik.api.Example
    void lineBreaksOfEveryKindRenderSafely() {
        for (String text : List.of("\rx", "a\r\rb = \r}", "x\u2028y {", "\r\n\r\"", "\t\tx\t=\t{")) {
            assertWellBehaved(text);
        }
    }

    @Property(tries = 20)
    void deepNestingIsADiagnosticNotAStackOverflow(@ForAll("depths") int depth) {
        assertWellBehaved("service \"a\" " + "{ x ".repeat(depth) + "}".repeat(depth));
        assertWellBehaved("project \"a\" { targets = " + "[".repeat(depth) + "]".repeat(depth) + " }");
    }

    private static void assertWellBehaved(String text) {
        Compiler.Result result = Specs.compile("fuzz.deploy", text);
        String rendered = Specs.rendered(result);
        if (!result.ok()) {
            assertTrue(result.files().isEmpty(), "a spec with errors produced files");
            assertFalse(rendered.isEmpty());
        }
        long lines = text.lines().count() + 1;
        for (Diagnostic d : result.diagnostics()) {
            assertTrue(d.span().line() <= lines, "span past the end of the text: " + d);
            assertFalse(d.message().contains("mismatched input") || d.message().contains("extraneous input")
                    || d.message().contains("no viable alternative"), "ANTLR's wording leaked: " + d.message());
        }
    }

    /**
     * A writable path compiles exactly when a directory key creates it or it is marked optional with `-`.
     * systemd creates the directory itself, not what lies below it (a real start fails with 226/NAMESPACE).
     */
    @Property(tries = 200)
    void writablePathsExistOrAreOptional(@ForAll("dirNames") String state, @ForAll("dirNames") String sub,
            @ForAll("bases") String base, @ForAll boolean optional, @ForAll boolean trailingSlash, @ForAll boolean below) {
        String path = base + state + (below ? "/" + sub : "") + (trailingSlash ? "/" : "");
        String spec = "project \"p\" { module = \"example.com/p\"  go = \"1.22\"  version_var = \"main.v\" }\n"
                + "service \"api\" {\n  state_directory = \"" + state + "\"\n  writable_paths = [\"" + (optional ? "-" : "") + path + "\"]\n}\n";
        Compiler.Result r = Specs.compile("p.deploy", spec);
        boolean created = base.equals("/var/lib/") && !below;
        assertEquals(created || optional, r.ok(), Specs.rendered(r));
        if (r.ok()) {
            String unit = r.files().stream().filter(f -> f.path().endsWith(".service")).findFirst().orElseThrow().content();
            assertTrue(unit.contains("ReadWritePaths=" + (optional ? "-" : "") + base + state + (below ? "/" + sub : "") + "\n"), unit);
        }
    }

    @Provide
    Arbitrary<String> dirNames() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_', '-').ofMinLength(1).ofMaxLength(12)
                .filter(s -> Character.isLetter(s.charAt(0)));
    }

    @Provide
    Arbitrary<String> bases() {
        return Arbitraries.of("/var/lib/", "/srv/", "/opt/data/", "/var/spool/");
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(30, 20000);
    }

    @Provide
    Arbitrary<List<Integer>> mutations() {
        return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> token = Arbitraries.of("service", "project", "\"api\"", "{", "}", "[", "]", "=", ",", "limits",
                "memory", "512MiB", "5s", "75%", "8080", "-1", "socket", "listen", "true", "socket.http", "\"x\\n\"",
                "#c\n", "\n", "\"", "\\", "canary", "step", "weight", "check", "env", "A", "é", "\u0000", "after", "service.a",
                "99999999999999999999999", "99999999999999999999d", "1.5", "watchdog", "oom_score_adjust", "ports", "hosts",
                "exec", "env.X", "env_split.Y", "instance", "infinity", "unrestricted", "user", "\"root\"", "capabilities",
                "systemd_service", "systemd_unit", "PrivateMounts", "ExecStart", "credentials", "may_fail", "start_pre",
                "template", "writable_paths", "\"-/x/\"", "\"/run/x\"", "runtime_directory", "hardening", "protect_system", "full",
                "machine_id", "state_root", "instance_unescaped", "workdir", "[\"--a=\"", "description", "health", "command");
        return token.list().ofMaxSize(60).map(ts -> String.join(" ", ts));
    }

    @Provide
    Arbitrary<String> validSpecs() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("éß€%$\"\\\t").ofMaxLength(20)
                .filter(s -> !s.endsWith("\\"));
        Arbitrary<String> service = Combinators.combine(
                        Arbitraries.of("api", "worker", "cache", "edge"),
                        text, text,
                        Arbitraries.integers().between(1, 4096),
                        Arbitraries.integers().between(1, 1000),
                        Arbitraries.of("simple", "exec", "notify"),
                        Arbitraries.integers().between(1024, 65000))
                .as((name, description, env, mib, cpu, type, port) -> "service \"" + name + "\" {\n"
                        + "  description = " + quote(description.isBlank() ? "d" : description) + "\n"
                        + "  type = " + type + "\n"
                        + "  exec = [\"/opt/x/bin/" + name + "\", " + quote(env) + ", [\"--v=\", env.V, " + quote(description) + ", machine_id]]\n"
                        + "  env {\n    V = " + quote(env) + "\n    W = [" + quote(description) + ", host_name]\n  }\n"
                        + "  limits { memory = " + mib + "MiB  cpu = " + cpu + "% }\n"
                        + "  socket { listen = " + port + " }\n"
                        + "}\n");
        return service.list().ofMinSize(1).ofMaxSize(4).uniqueElements(s -> s.substring(0, s.indexOf('{')))
                .filter(CompilerProperties::distinctPorts)
                .map(services -> "project \"p\" { module = \"example.com/p\"  go = \"1.22\"  version_var = \"main.v\" }\n"
                        + String.join("\n", services));
    }

    private static boolean distinctPorts(List<String> services) {
        List<String> ports = new ArrayList<>();
        for (String s : services) {
            String port = s.substring(s.indexOf("listen = ") + 9, s.indexOf(" }", s.indexOf("listen = ")));
            if (ports.contains(port)) return false;
            ports.add(port);
        }
        return true;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
    }
}
