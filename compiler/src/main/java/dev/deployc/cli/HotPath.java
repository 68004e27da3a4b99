package dev.deployc.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command lines a pre-commit hook runs on every commit, read without picocli: building picocli's
 * model of a command takes about 100 ms on a cold JVM, more than compiling a spec. Only
 * {@code build|check [--out DIR] [--format F] [--all] SPEC...} with each option at most once is
 * read here; anything else (help, an unknown or repeated option, {@code --}, an {@code @file}, a
 * bad format) goes to picocli, which stays the authority on usage and its messages.
 * {@code HotPathEquivalenceTest} holds the two to the same output, exit code and files.
 */
final class HotPath {

    private HotPath() {}

    /** A command line this path runs: the command and its arguments as picocli would have bound them. */
    record Invocation(String command, SpecsAndOutput args) {
        int run(PrintWriter out, PrintWriter err) {
            if (!args.all && args.specs.size() < Compilation.PARALLEL_FROM) {
                // A few specs compile one after another on this thread, so the templates they will need load on
                // another meanwhile. (More specs compile on all cores, which a third thread only slows.)
                Thread warmUp = new Thread(new WarmUp(), "deployc-warm-up");
                warmUp.setDaemon(true);
                warmUp.start();
            }
            try {
                return command.equals("build") ? BuildCommand.run(args, out, err) : CheckCommand.run(args, out, err);
            } catch (RuntimeException e) {
                err.println(Main.internalError(e));
                return Main.USAGE_OR_IO;
            }
        }
    }

    /** A plain class, not a lambda: the first lambda of a run initialises the JDK's lambda machinery (~5 ms) first. */
    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try {
                dev.deployc.Compiler.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // The compilation meets the same problem and reports it.
            }
        }
    }

    static Optional<Invocation> parse(String... argv) {
        if (argv.length == 0 || !(argv[0].equals("build") || argv[0].equals("check"))) return Optional.empty();
        SpecsAndOutput args = new SpecsAndOutput();
        args.format = Reporter.Format.text;
        String out = null;
        String format = null;
        boolean all = false;
        List<Path> specs = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            String arg = argv[i];
            String value = null;
            String option = arg;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if ((arg.equals(SpecsAndOutput.OUT) || arg.equals(SpecsAndOutput.FORMAT)) && i + 1 < argv.length) {
                value = argv[++i];
                // picocli reads a value that looks like an option, or names an @file, its own way.
                if (value.startsWith("-") || value.startsWith("@")) return Optional.empty();
            }
            if (option.equals(SpecsAndOutput.OUT) && value != null && out == null) {
                out = value;
            } else if (option.equals(SpecsAndOutput.FORMAT) && value != null && format == null) {
                format = value;
            } else if (arg.equals(SpecsAndOutput.ALL) && !all) {
                all = true;
            } else if (arg.startsWith("-") || arg.startsWith("@")) {
                return Optional.empty();
            } else {
                Optional<Path> spec = path(arg);
                if (spec.isEmpty()) return Optional.empty();
                specs.add(spec.get());
            }
        }
        if (out != null) {
            Optional<Path> dir = path(out);
            if (dir.isEmpty()) return Optional.empty();
            args.out = dir.get();
        }
        if (format != null) {
            Optional<Reporter.Format> f = format(format);
            if (f.isEmpty()) return Optional.empty();
            args.format = f.get();
        }
        args.all = all;
        args.specs = specs;
        return Optional.of(new Invocation(argv[0], args));
    }

    private static Optional<Path> path(String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Reporter.Format> format(String name) {
        for (Reporter.Format f : Reporter.Format.values()) {
            if (f.name().equals(name)) return Optional.of(f);
        }
        return Optional.empty();
    }
}
