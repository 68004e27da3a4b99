package dev.deployc.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Specs;
import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated playbook in the goldens and the samples, judged by the real tools:
 * {@code ansible-playbook --syntax-check} and {@code ansible-lint} under the production profile,
 * with no findings. Each project's output tree is copied out first, so the tools read exactly the
 * generated files (and write their caches elsewhere).
 */
class PlaybookValidatorsTest {

    @TempDir
    static Path temp;

    @BeforeEach
    void tools() {
        Tools.require("ansible-playbook", "apt-get install ansible-core");
        Tools.require("ansible-lint", "apt-get install ansible-lint");
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedPlaybookPassesSyntaxCheckAndProductionLint() throws Exception {
        Map<String, Path> projects = projects();
        assertFalse(projects.isEmpty(), "no golden case or sample generates a playbook");
        return projects.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path ansible = e.getValue().resolve("ansible");
            Map<String, String> env = Map.of("HOME", temp.toString(), "ANSIBLE_NOCOLOR", "1", "NO_COLOR", "1",
                    "ANSIBLE_LOCAL_TEMP", temp.resolve("ansible-tmp").toString());
            Tools.Outcome syntax = Tools.run(ansible, env, List.of("ansible-playbook", "-i", "inventory.yml", "--syntax-check",
                    "deploy.yml", "rollback.yml"), 120);
            assertEquals(0, syntax.exitCode(), syntax.output());
            Tools.Outcome lint = Tools.run(ansible, env, List.of("ansible-lint", "--offline", "--nocolor", "--profile",
                    "production", "deploy.yml", "rollback.yml", "inventory.yml", "tasks", "vars"), 300);
            assertEquals(0, lint.exitCode(), lint.output());
            assertTrue(lint.output().contains("Passed with production profile: 0 failure(s), 0 warning(s)"), lint.output());
        }));
    }

    /** Every project output tree with an ansible/ directory: golden expectations and compiled samples, copied out. */
    private static Map<String, Path> projects() throws Exception {
        Map<String, Path> out = new TreeMap<>();
        for (Path dir : Specs.goldenCases()) {
            Path expected = dir.resolve("expected");
            if (!Files.isDirectory(expected)) continue;
            try (Stream<Path> projects = Files.list(expected)) {
                for (Path project : projects.filter(p -> Files.isDirectory(p.resolve("ansible"))).toList()) {
                    String label = dir.getFileName() + ":" + project.getFileName();
                    Path copy = temp.resolve("golden").resolve(dir.getFileName().toString()).resolve(project.getFileName().toString());
                    dev.deployc.support.Trees.copy(project, copy);
                    out.put(label, copy);
                }
            }
        }
        for (Path sample : Specs.samples()) {
            var result = Specs.compile(sample, sample.toString());
            List<String> projectsWithPlaybook = new ArrayList<>();
            result.files().stream().filter(f -> f.path().endsWith("/ansible/deploy.yml"))
                    .forEach(f -> projectsWithPlaybook.add(f.path().substring(0, f.path().indexOf('/'))));
            for (String project : projectsWithPlaybook) {
                Path root = temp.resolve("sample").resolve(sample.getFileName().toString());
                for (var f : result.files()) {
                    if (!f.path().startsWith(project + "/")) continue;
                    Path target = root.resolve(f.path());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, f.content());
                }
                out.put("sample " + sample.getFileName() + ":" + project, root.resolve(project));
            }
        }
        return out;
    }
}
