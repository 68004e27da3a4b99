package dev.deployc;

import dev.deployc.check.Checker;
import dev.deployc.check.NearbyFiles;
import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Source;
import dev.deployc.emit.Emitter;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.ansible.PlaybookEmitter;
import dev.deployc.format.Formatter;
import dev.deployc.emit.build.BuildScriptEmitter;
import dev.deployc.emit.docker.DockerfileEmitter;
import dev.deployc.emit.rollout.RolloutEmitter;
import dev.deployc.emit.sysctl.SysctlEmitter;
import dev.deployc.emit.systemd.SystemdEmitter;
import dev.deployc.model.ModelBuilder;
import dev.deployc.model.Spec;
import dev.deployc.syntax.SpecParser;
import java.util.ArrayList;
import java.util.List;

/** The pipeline, top-down: parse → check → model → emit. Writing is the caller's business. */
public final class Compiler {

    /** Every output target; a new one is one entry here. */
    private static final List<Emitter> EMITTERS = List.of(new SystemdEmitter(), new BuildScriptEmitter(),
            new DockerfileEmitter(), new SysctlEmitter(), new RolloutEmitter(), new PlaybookEmitter());

    public record Result(Source source, List<Diagnostic> diagnostics, List<GeneratedFile> files) {
        public boolean ok() {
            return diagnostics.stream().noneMatch(Diagnostic::isError);
        }
    }

    /**
     * @param source   the spec, named as diagnostics should show it
     * @param specPath the spec's path as generated headers name it (relative, with {@code /})
     */
    public Result compile(Source source, String specPath) {
        return compile(source, specPath, NearbyFiles.none());
    }

    /** As above; {@code nearby} reads the files the spec names relative to itself (a canary inventory). */
    public Result compile(Source source, String specPath, NearbyFiles nearby) {
        SpecParser.Result parsed = new SpecParser().parse(source);
        if (!parsed.ok()) {
            return new Result(source, sorted(parsed.diagnostics()), List.of());
        }
        Checker.Result checked = new Checker().check(parsed.document(), source.name(), nearby);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        diagnostics.addAll(checked.diagnostics());
        if (!checked.ok()) {
            return new Result(source, sorted(diagnostics), List.of());
        }
        Spec spec = new ModelBuilder().build(checked.root(), specPath, canonicalHash(parsed), checked.inventories());
        List<GeneratedFile> files = new ArrayList<>();
        for (Emitter emitter : EMITTERS) {
            files.addAll(emitter.emit(spec));
        }
        files.sort(null);
        return new Result(source, sorted(diagnostics), List.copyOf(files));
    }

    /**
     * Loads the templates every service needs ahead of use (the template engine with them). Safe to
     * run on another thread while the specs are parsed and checked; an emitter that starts meanwhile
     * waits for what it needs.
     */
    public static void warmUp() {
        dev.deployc.emit.Templates.preload(SystemdEmitter.TEMPLATE, BuildScriptEmitter.TEMPLATE,
                DockerfileEmitter.TEMPLATE, DockerfileEmitter.IGNORE_TEMPLATE);
    }

    /** The first 12 hex digits of the SHA-256 of the spec's canonical (formatted) text. */
    private static String canonicalHash(SpecParser.Result parsed) {
        String canonical = new Formatter().formatParsed(parsed);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().sorted().toList();
    }
}
