package dev.deployc.check;

import dev.deployc.diag.Diagnostic;
import dev.deployc.syntax.Ast;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/** Second stage: every check of a spec, all findings of a run together. */
public final class Checker {

    /** {@code inventories}: the hosts of each inventory file the spec names, read once, here. */
    public record Result(Section root, List<Diagnostic> diagnostics, Map<String, List<String>> inventories) {
        public boolean ok() {
            return diagnostics.stream().noneMatch(Diagnostic::isError);
        }
    }

    public Result check(Ast.Document document, String file) {
        return check(document, file, NearbyFiles.none());
    }

    public Result check(Ast.Document document, String file, NearbyFiles nearby) {
        Findings findings = new Findings(file);
        Section root = new StructureCheck(findings).check(document);
        String project = root.child("project").map(Section::label).orElse("project");
        List<Section> services = root.children("service");
        ServiceRules serviceRules = new ServiceRules(findings);
        services.forEach(s -> serviceRules.check(project, s));
        UnitRules unitRules = new UnitRules(findings);
        services.forEach(unitRules::check);
        new DependencyRules(findings).check(services);
        new SocketRules(findings).check(services);
        Map<String, List<String>> inventories = new TreeMap<>();
        CanaryRules canaryRules = new CanaryRules(findings, nearby, inventories);
        services.forEach(s -> s.child("canary").ifPresent(c -> canaryRules.check(project, s, c)));
        root.child("project").ifPresent(p -> targets(findings, p));
        new SysctlRules(findings).check(root);
        return new Result(root, findings.all().stream().sorted().toList(), Map.copyOf(inventories));
    }

    private static void targets(Findings findings, Section project) {
        Optional<Section.Setting> targets = project.setting("targets");
        if (targets.isEmpty()) return;
        List<?> list = (List<?>) targets.get().value();
        if (list.isEmpty()) {
            findings.error(targets.get().span(), "`targets` is empty", "build at least one target, such as \"linux/amd64\"");
        } else if (list.size() != list.stream().distinct().count()) {
            findings.error(targets.get().span(), "`targets` lists a target twice", null);
        }
    }
}
