package dev.deployc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * action.yml and the README's workflow example parse as YAML (python3's yaml module, which
 * .ci/run installs) and hold together: a composite action whose run steps name a shell, whose
 * input and step references exist, and whose scripts pass shellcheck; a workflow that checks out
 * the history and uses the action. The hooks file parses too.
 */
class ActionTest {

    @TempDir
    Path tmp;

    private static final String CHECKS = String.join("\n",
            "import sys, re, yaml",
            "action = yaml.safe_load(open('action.yml'))",
            "assert action['runs']['using'] == 'composite', 'composite action'",
            "inputs = set(action.get('inputs', {}))",
            "steps = action['runs']['steps']",
            "ids = {s['id'] for s in steps if 'id' in s}",
            "text = open('action.yml').read()",
            "for name in re.findall(r'inputs\\.([a-z-]+)', text): assert name in inputs, 'undeclared input ' + name",
            "for name in re.findall(r'steps\\.([a-z-]+)\\.outputs', text): assert name in ids, 'unknown step ' + name",
            "for i, s in enumerate(steps):",
            "    assert ('run' in s) != ('uses' in s), 'step %d: run or uses' % i",
            "    if 'run' in s:",
            "        assert s.get('shell') == 'bash', 'step %d needs shell: bash' % i",
            "        open(sys.argv[2] + '/step%d.sh' % i, 'w').write('#!/usr/bin/env bash\\n' + re.sub(r'\\$\\{\\{[^}]*\\}\\}', 'X', s['run']))",
            "readme = open('README.md').read()",
            "block = readme.split('## GitHub Action', 1)[1].split('```yaml\\n', 1)[1].split('```', 1)[0]",
            "flow = yaml.safe_load(block)",
            "on = flow.get('on', flow.get(True))",
            "assert 'pull_request' in on, 'runs on pull requests'",
            "job = list(flow['jobs'].values())[0]",
            "uses = [s.get('uses', '') for s in job['steps']]",
            "assert uses[0].startswith('actions/checkout@') and job['steps'][0]['with']['fetch-depth'] == 0, 'full history'",
            "assert any('/deployc@' in u for u in uses), 'uses the action'",
            "assert set(job['steps'][1].get('with', {})) <= inputs, 'only declared inputs'",
            "hooks = yaml.safe_load(open('.pre-commit-hooks.yaml'))",
            "assert {h['id'] for h in hooks} == {'deployc-check', 'deployc-fmt'}",
            "conf = yaml.safe_load(readme.split('## Pre-commit', 1)[1].split('```yaml\\n', 1)[1].split('```', 1)[0])",
            "assert [h['id'] for h in conf['repos'][0]['hooks']] == ['deployc-fmt', 'deployc-check']",
            "print('ok')");

    @Test
    void theActionAndTheWorkflowExampleAreValid() throws Exception {
        Path python = Tools.require("python3", "apt-get install python3");
        Tools.Outcome yaml = Tools.run(Path.of("."), Map.of(), List.of(python.toString(), "-c", "import yaml"), 60);
        if (yaml.exitCode() != 0) Tools.require("python3-yaml-module", "apt-get install python3-yaml");
        Tools.Outcome o = Tools.run(Path.of("."), Map.of(), List.of(python.toString(), "-c", CHECKS, "x", tmp.toString()), 60);
        assertEquals("ok\n", o.output());
        Path shellcheck = Tools.require("shellcheck", "apt-get install shellcheck");
        try (var steps = Files.list(tmp)) {
            List<Path> scripts = steps.sorted().toList();
            assertTrue(scripts.size() >= 4, "the action's run steps: " + scripts);
            for (Path script : scripts) {
                Tools.Outcome sc = Tools.run(tmp, Map.of(), List.of(shellcheck.toString(), "-s", "bash", "-f", "gcc", script.toString()), 60);
                assertEquals("", sc.output(), "shellcheck of " + script.getFileName());
            }
        }
    }
}
