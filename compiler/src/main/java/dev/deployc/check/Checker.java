package dev.deployc.check;

import dev.deployc.diag.Diagnostic;
import dev.deployc.syntax.Ast;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/** Second stage: every check of a spec, all findings of a run together. */
public final class Checker {

    /** {@code inventories}: the hosts of each inventory file the spec names, read once, here. */
    public record Result(Section root, List<Diagnostic> diagnostics, Map<String, List<String>> inventories) {
        public boolean ok() {
            for (Diagnostic d : diagnostics) {
                if (d.isError()) return false;
            }
            return true;
        }
    }

    public Result check(Ast.Document document, String file) {
        return check(document, file, NearbyFiles.none());
    }

    public Result check(Ast.Document document, String file, NearbyFiles nearby) {
        Findings findings = new Findings(file);
        Section root = new StructureCheck(findings).check(document);
        Optional<Section> projectBlock = root.child("project");
        String project = projectBlock.isPresent() ? projectBlock.get().label() : "project";
        List<Section> services = root.children("service");
        ServiceRules serviceRules = new ServiceRules(findings);
        for (Section s : services) {
            serviceRules.check(project, s);
        }
        UnitRules unitRules = new UnitRules(findings);
        for (Section s : services) {
            unitRules.check(s);
        }
        new DependencyRules(findings).check(services);
        new SocketRules(findings).check(services);
        Map<String, List<String>> inventories = new TreeMap<>();
        CanaryRules canaryRules = new CanaryRules(findings, nearby, inventories);
        for (Section s : services) {
            Optional<Section> canary = s.child("canary");
            if (canary.isPresent()) canaryRules.check(project, s, canary.get());
        }
        if (projectBlock.isPresent()) targets(findings, projectBlock.get());
        new SysctlRules(findings).check(root);
        List<Diagnostic> diagnostics = new ArrayList<>(findings.all());
        Collections.sort(diagnostics);
        return new Result(root, List.copyOf(diagnostics), Map.copyOf(inventories));
    }

    private static void targets(Findings findings, Section project) {
        Optional<Section.Setting> targets = project.setting("targets");
        if (targets.isEmpty()) return;
        List<?> list = (List<?>) targets.get().value();
        if (list.isEmpty()) {
            findings.error(targets.get().span(), "`targets` is empty", "build at least one target, such as \"linux/amd64\"");
        } else if (list.size() != new HashSet<>(list).size()) {
            findings.error(targets.get().span(), "`targets` lists a target twice", null);
        }
    }
}
