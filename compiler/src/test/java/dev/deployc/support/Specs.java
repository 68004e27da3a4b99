package dev.deployc.support;

import dev.deployc.Compiler;
import dev.deployc.check.NearbyFiles;
import dev.deployc.diag.DiagnosticRenderer;
import dev.deployc.diag.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: compile a spec file or text the way the golden cases and samples do. */
public final class Specs {

    private Specs() {}

    public static Compiler.Result compile(String name, String text) {
        return new Compiler().compile(new Source(name, text), name);
    }

    /** A spec file, with the files it names (an inventory) read from its directory. */
    public static Compiler.Result compile(Path spec, String name) {
        try {
            return new Compiler().compile(new Source(name, Files.readString(spec)), name,
                    NearbyFiles.in(spec.toAbsolutePath().getParent()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String rendered(Compiler.Result result) {
        return DiagnosticRenderer.render(result.diagnostics(), result.source());
    }

    public static List<Path> samples() {
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            return s.filter(p -> p.toString().endsWith(".deploy")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> goldenCases() {
        try (Stream<Path> s = Files.list(Path.of("golden-tests"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
