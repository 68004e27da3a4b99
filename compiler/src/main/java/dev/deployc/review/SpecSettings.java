package dev.deployc.review;

import dev.deployc.diag.Source;
import dev.deployc.syntax.Ast;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spec's settings flattened into {@code key → value} as the spec writes them, per owner: the
 * project (its {@code project} and top-level blocks) and each service. Keys read like the spec:
 * {@code limits.memory}, {@code socket "http".backlog}, {@code canary.step[2].weight}. Values are
 * the spec's own text with whitespace normalised, so a reformatted spec shows no change.
 */
record SpecSettings(String project, Map<String, Map<String, Setting>> byService, Map<String, Setting> projectSettings) {

    /** One value, and the schema path of its key ({@code service.limits.memory}) for defaults and docs. */
    record Setting(String value, String schemaPath) {}

    static SpecSettings of(Ast.Document document, Source source) {
        String project = "";
        Map<String, Map<String, Setting>> services = new LinkedHashMap<>();
        Map<String, Setting> projectSettings = new LinkedHashMap<>();
        for (Ast.Entry entry : document.entries()) {
            if (!(entry instanceof Ast.Block block)) continue;
            String label = block.label().map(Ast.Label::text).orElse("");
            if (block.name().equals("service")) {
                Map<String, Setting> settings = new LinkedHashMap<>();
                walk(block, "", "service", source, settings);
                services.put(label, settings);
            } else {
                if (block.name().equals("project")) project = label;
                walk(block, block.name() + ".", block.name(), source, projectSettings);
            }
        }
        return new SpecSettings(project, services, projectSettings);
    }

    private static void walk(Ast.Block block, String prefix, String scope, Source source, Map<String, Setting> out) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Ast.Entry entry : block.entries()) {
            if (entry instanceof Ast.Attribute a) {
                out.put(prefix + a.name(), new Setting(text(a.value(), source), scope + "." + a.name()));
            } else if (entry instanceof Ast.Block b) {
                int n = seen.merge(b.name(), 1, Integer::sum);
                String name = b.label().map(l -> b.name() + " \"" + l.text() + "\"")
                        .orElse(repeated(block, b.name()) ? b.name() + "[" + n + "]" : b.name());
                walk(b, prefix + name + ".", scope + "." + b.name(), source, out);
            }
        }
    }

    /** Unlabelled blocks that may repeat ({@code step}) are numbered. */
    private static boolean repeated(Ast.Block parent, String name) {
        return parent.entries().stream().filter(e -> e instanceof Ast.Block b && b.name().equals(name) && b.label().isEmpty())
                .count() > 1 || name.equals("step");
    }

    /** The value as the spec writes it, laid out one way: a list is {@code [a, b]} however it was wrapped. */
    private static String text(Ast.Value value, Source source) {
        if (value instanceof Ast.ListOf list) {
            return list.items().stream().map(v -> text(v, source)).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return source.text().substring(value.span().start(), value.span().end());
    }
}
