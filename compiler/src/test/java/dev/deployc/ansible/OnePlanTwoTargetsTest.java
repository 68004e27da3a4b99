package dev.deployc.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both rollout targets carry out one plan: the hosts, the waves (the playbook's {@code serial}
 * list and wave hosts), and every step after each wave with its parameters are read back from the
 * generated script and from the generated playbook, and must be the same.
 */
class OnePlanTwoTargetsTest {

    record Step(int number, int afterWave, List<String> what) {}

    @ParameterizedTest
    @ValueSource(strings = {"samples/storefront.deploy", "golden-tests/ok-canary-playbook/input.deploy"})
    void theScriptAndThePlaybookCarryOutTheSamePlan(String path) throws Exception {
        String text = Files.readString(Path.of(path)).replace("emit             = playbook", "emit = both");
        var result = Specs.compile(Path.of(path).getFileName().toString(), text);
        assertTrue(result.ok(), Specs.rendered(result));
        Map<String, String> files = new LinkedHashMap<>();
        for (GeneratedFile f : result.files()) files.put(f.path(), f.content());
        List<String> scripts = files.keySet().stream().filter(p -> p.matches("[^/]+/rollout-[^/]+\\.sh")).toList();
        assertFalse(scripts.isEmpty(), "no rollout script in " + files.keySet());
        for (String script : scripts) {
            String project = script.substring(0, script.indexOf('/'));
            String service = script.substring(script.indexOf("rollout-") + 8, script.length() - 3);
            String sh = files.get(script);
            String vars = files.get(project + "/ansible/vars/" + service + ".yml");
            String deploy = files.get(project + "/ansible/deploy.yml");
            assertTrue(vars != null && deploy != null, "no playbook for " + script);

            List<String> hosts = words(array(sh, "HOSTS")).stream().map(PlaybookEmitterAccess::inventoryName).toList();
            assertEquals(hosts, unsafeList(block(vars, "deployc_plan_hosts")), "hosts");

            List<List<String>> scriptWaves = new ArrayList<>();
            for (String w : words(array(sh, "WAVES"))) {
                scriptWaves.add(Arrays.stream(w.split(" ")).map(PlaybookEmitterAccess::inventoryName).toList());
            }
            List<List<String>> playbookWaves = new ArrayList<>();
            for (String line : block(vars, "deployc_waves").split("\n")) {
                if (line.startsWith("  - ")) playbookWaves.add(unsafeList(line.substring(4)));
            }
            assertEquals(scriptWaves, playbookWaves, "waves");
            Matcher serial = Pattern.compile("(?m)^  serial: \\[(.*)]$").matcher(playRollout(deploy, service));
            assertTrue(serial.find(), deploy);
            assertEquals(scriptWaves.stream().map(w -> String.valueOf(w.size())).toList(), List.of(serial.group(1).split(", ")), "serial");

            assertEquals(scriptSteps(sh), playbookSteps(playRollout(deploy, service), stepData(vars)), "steps and gates");
        }
    }

    /** From run_step: every step that is not a wave, with the wave it follows and its engine call. */
    private static List<Step> scriptSteps(String sh) {
        String body = sh.substring(sh.indexOf("run_step() {"), sh.indexOf("    *) return 1 ;;", sh.indexOf("run_step() {")));
        Matcher m = Pattern.compile("(?m)^    (\\d+)\\)\\n((?:      .*\\n)+)      ;;").matcher(body);
        List<Step> steps = new ArrayList<>();
        int wave = 0;
        while (m.find()) {
            int number = Integer.parseInt(m.group(1));
            for (String call : m.group(2).split("\n")) {
                List<String> words = words(call.strip().replace(" || return $?", ""));
                if (words.get(0).equals("wave")) {
                    wave = Integer.parseInt(words.get(1));
                    continue;
                }
                steps.add(new Step(number, wave, switch (words.get(0)) {
                    case "bake" -> List.of("bake", words.get(1));
                    case "approve" -> List.of("approve", words.get(1));
                    case "gate_query" -> List.of("query", words.get(1), words.get(2), words.get(3), words.get(4), words.get(5),
                            words.get(6), words.get(7), words.get(8));
                    case "gate_http" -> List.of("http", words.get(1), words.get(2), words.get(3), words.get(4), words.get(5));
                    default -> throw new AssertionError("unknown step " + call);
                }));
            }
        }
        return steps;
    }

    /** From the rollout play: every step task and the wave its guard names; its parameters from the vars file. */
    private static List<Step> playbookSteps(String play, Map<Integer, List<Map<String, String>>> data) {
        List<Step> steps = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^        - name: \"Step (\\d+): ([^\"]*)\"\\n((?:          .*\\n)+)").matcher(play);
        while (m.find()) {
            int number = Integer.parseInt(m.group(1));
            String task = m.group(3);
            Matcher w = Pattern.compile("when: deployc_wave \\| int == (\\d+) ").matcher(task);
            assertTrue(w.find(), task);
            int wave = Integer.parseInt(w.group(1));
            if (m.group(2).startsWith("bake")) {
                steps.add(new Step(number, wave, List.of("bake", field(task, "seconds"))));
            } else if (m.group(2).equals("ask for approval")) {
                assertTrue(task.contains("deployc_steps[" + number + "].message"), task);
                steps.add(new Step(number, wave, List.of("approve", data.get(number).get(0).get("message"))));
            } else if (m.group(2).startsWith("check")) {
                Matcher i = Pattern.compile("deployc_steps\\[" + number + "]\\.checks\\[(\\d+)]").matcher(task);
                assertTrue(i.find(), task);
                Map<String, String> c = data.get(number).get(Integer.parseInt(i.group(1)) + 1);
                if (task.contains("tasks/query-gate.yml")) {
                    steps.add(new Step(number, wave, List.of("query", c.get("name"), c.get("query"), c.get("min"), c.get("max"),
                            c.get("interval"), c.get("count"), c.get("failures"), c.get("no_data"))));
                } else {
                    assertTrue(task.contains("tasks/http-gate.yml"), task);
                    steps.add(new Step(number, wave, List.of("http", c.get("name"), c.get("url"), c.get("interval"), c.get("count"),
                            c.get("failures"))));
                }
            }
        }
        return steps;
    }

    /** The vars file's deployc_steps: per step, entry 0 its own keys, then one map per check. */
    private static Map<Integer, List<Map<String, String>>> stepData(String vars) {
        Map<Integer, List<Map<String, String>>> out = new LinkedHashMap<>();
        List<Map<String, String>> current = null;
        for (String line : block(vars, "deployc_steps").split("\n")) {
            Matcher step = Pattern.compile("^  (\\d+):$").matcher(line);
            Matcher own = Pattern.compile("^    (\\w+): (.*)$").matcher(line);
            Matcher check = Pattern.compile("^(?:      - |        )(\\w+): (.*)$").matcher(line);
            if (step.find()) {
                current = new ArrayList<>(List.of(new LinkedHashMap<>()));
                out.put(Integer.parseInt(step.group(1)), current);
            } else if (line.startsWith("      - ")) {
                current.add(new LinkedHashMap<>());
                assertTrue(check.find(), line);
                current.get(current.size() - 1).put(check.group(1), unsafe(check.group(2)));
            } else if (check.find()) {
                current.get(current.size() - 1).put(check.group(1), unsafe(check.group(2)));
            } else if (own.find()) {
                current.get(0).put(own.group(1), unsafe(own.group(2)));
            }
        }
        return out;
    }

    private static String playRollout(String deploy, String service) {
        int start = deploy.indexOf("- name: Roll " + service + " out wave by wave");
        assertTrue(start >= 0, deploy);
        int end = deploy.indexOf("\n- name: ", start + 1);
        return end < 0 ? deploy.substring(start) : deploy.substring(start, end);
    }

    private static String field(String task, String key) {
        Matcher m = Pattern.compile("(?m)^ +" + Pattern.quote(key) + ": (.*)$").matcher(task);
        assertTrue(m.find(), key + " in " + task);
        return m.group(1);
    }

    private static String array(String sh, String name) {
        Matcher m = Pattern.compile("(?s)\\n(?:readonly )?" + name + "=\\(\\n(.*?)\\n\\)").matcher(sh);
        assertTrue(m.find(), name);
        return m.group(1);
    }

    private static String block(String yaml, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\n((?:  .*\\n)+)").matcher(yaml);
        assertTrue(m.find(), key);
        return m.group(1);
    }

    /** A YAML flow list or block list of !unsafe "…" scalars, decoded. */
    private static List<String> unsafeList(String yaml) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("!unsafe (\"(?:[^\"\\\\]|\\\\.)*\")").matcher(yaml);
        while (m.find()) out.add(unquote(m.group(1)));
        return out;
    }

    private static String unsafe(String value) {
        return unquote(value.startsWith("!unsafe ") ? value.substring(8) : value);
    }

    private static String unquote(String quoted) {
        if (!quoted.startsWith("\"")) return quoted;
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                char e = quoted.charAt(++i);
                out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Shell words as ShellEscaper writes them: bare, or single-quoted with '\'' for a quote. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (w != null) words.add(w.toString());
                w = null;
            } else if (c == '\'') {
                if (w == null) w = new StringBuilder();
                int close = text.indexOf('\'', i + 1);
                w.append(text, i + 1, close);
                i = close;
            } else if (c == '\\') {
                if (w == null) w = new StringBuilder();
                w.append(text.charAt(++i));
            } else {
                if (w == null) w = new StringBuilder();
                w.append(c);
            }
        }
        if (w != null) words.add(w.toString());
        return words;
    }

    /** The emitter's host naming, in one place. */
    static final class PlaybookEmitterAccess {
        static String inventoryName(String host) {
            return dev.deployc.emit.ansible.PlaybookEmitter.inventoryName(host);
        }
    }
}
