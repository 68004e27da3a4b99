package dev.deployc;

import dev.deployc.check.Checker;
import dev.deployc.check.NearbyFiles;
import dev.deployc.diag.Diagnostic;
import dev.deployc.diag.Source;
import dev.deployc.emit.Emitter;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.ansible.PlaybookEmitter;
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
import java.util.Optional;
import dev.deployc.syntax.Ast;

/** The pipeline, top-down: parse → check → model → emit. Writing is the caller's business. */
public final class Compiler {

    /** Every output target; a new one is one entry here. */
    private static final List<Emitter> EMITTERS = List.of(new SystemdEmitter(), new BuildScriptEmitter(),
            new DockerfileEmitter(), new SysctlEmitter(), new dev.deployc.emit.sysusers.SysusersEmitter(), new RolloutEmitter(),
            new PlaybookEmitter());

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
        return analyze(source, specPath, nearby).result();
    }

    /** A compilation with what it was made from: the syntax tree and the model, when the spec got that far. */
    public record Analysis(Result result, Optional<Ast.Document> document, Optional<Spec> model) {}

    public Analysis analyze(Source source, String specPath, NearbyFiles nearby) {
        try {
            return analyzeUnguarded(source, specPath, nearby);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // The last resort: a bug in deployc still reads as a diagnostic naming the spec, in every
            // output format, never as a stack trace. Nothing is generated from this spec.
            Diagnostic d = Diagnostic.error(source.name(), new dev.deployc.diag.Span(0, 0, 1, 1),
                    "internal error while compiling this spec: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")))
                    .withHelp("this is a bug in deployc; please report it with this spec");
            return new Analysis(new Result(source, List.of(d), List.of()), Optional.empty(), Optional.empty());
        }
    }

    private Analysis analyzeUnguarded(Source source, String specPath, NearbyFiles nearby) {
        SpecParser.Result parsed = new SpecParser().parse(source);
        if (!parsed.ok()) {
            return new Analysis(new Result(source, sorted(parsed.diagnostics()), List.of()), Optional.empty(), Optional.empty());
        }
        Checker.Result checked = new Checker().check(parsed.document(), source.name(), nearby);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        diagnostics.addAll(checked.diagnostics());
        if (!checked.ok()) {
            return new Analysis(new Result(source, sorted(diagnostics), List.of()), Optional.of(parsed.document()), Optional.empty());
        }
        Spec spec = new ModelBuilder().build(checked.root(), specPath, checked.inventories());
        List<GeneratedFile> files = new ArrayList<>();
        for (Emitter emitter : EMITTERS) {
            files.addAll(emitter.emit(spec));
        }
        files.sort(null);
        Optional<Diagnostic> tooLong = dev.deployc.check.UnitLineLimit.check(files, parsed.document(), source.name());
        if (tooLong.isPresent()) {
            diagnostics.add(tooLong.get());
            return new Analysis(new Result(source, sorted(diagnostics), List.of()), Optional.of(parsed.document()), Optional.empty());
        }
        return new Analysis(new Result(source, sorted(diagnostics), List.copyOf(files)), Optional.of(parsed.document()),
                Optional.of(spec));
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

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().sorted().toList();
    }
}
