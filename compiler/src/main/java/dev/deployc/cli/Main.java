package dev.deployc.cli;

import picocli.CommandLine;

/** The only place that exits. Exit codes: 0 success, 1 the spec has errors or output is stale, 2 usage or I/O. */
public final class Main {

    public static final int OK = 0;
    public static final int SPEC_ERRORS = 1;
    public static final int USAGE_OR_IO = 2;

    private Main() {}

    /**
     * The subcommands, by name; each is made on demand, because building picocli's model of one is not
     * free. In a holder, so the hot path never builds it (its lambdas would start the JDK's lambda
     * machinery before the compile threads).
     */
    private static final class Subcommands {
        static final java.util.Map<String, java.util.function.Supplier<Object>> BY_NAME = new java.util.LinkedHashMap<>();

        static {
            BY_NAME.put("build", BuildCommand::new);
            BY_NAME.put("check", CheckCommand::new);
            BY_NAME.put("fmt", FmtCommand::new);
            BY_NAME.put("review", ReviewCommand::new);
            BY_NAME.put("explain", ExplainCommand::new);
        }
    }

    /**
     * Only the invoked subcommand joins the model (start-up is what a pre-commit hook pays on every
     * commit); help, a typo or no subcommand get all of them, so usage and suggestions stay complete.
     */
    private static void addSubcommands(CommandLine cli, String first) {
        if (Subcommands.BY_NAME.containsKey(first)) {
            cli.addSubcommand(first, Subcommands.BY_NAME.get(first).get());
        } else {
            Subcommands.BY_NAME.forEach((name, make) -> cli.addSubcommand(name, make.get()));
        }
    }

    /** The --format the arguments ask for, so a usage error is reported in it too; text when none or unknown. */
    static Reporter.Format requestedFormat(String... args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--format=") ? args[i].substring("--format=".length())
                    : args[i].equals("--format") && i + 1 < args.length ? args[i + 1] : null;
            if (value == null) continue;
            for (Reporter.Format f : Reporter.Format.values()) {
                if (f.name().equals(value)) return f;
            }
        }
        return Reporter.Format.text;
    }

    public static void main(String[] args) {
        System.exit(run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args));
    }

    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        java.util.Optional<HotPath.Invocation> hot = HotPath.parse(args);
        int exit = hot.isPresent() ? hot.get().run(out, err) : runWithPicocli(out, err, args);
        out.flush();
        err.flush();
        return exit;
    }

    /** Every command line through picocli's model, the hot ones included: the reference {@link HotPath} is held to. */
    static int runWithPicocli(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new DeploycCommand());
        addSubcommands(cli, args.length > 0 ? args[0] : "");
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(internalError(e));
            return USAGE_OR_IO;
        });
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, given) -> {
            Reporter.Format format = requestedFormat(given);
            if (format == Reporter.Format.text) return usage.handleParseException(e, given);
            Reporter report = new Reporter(format, e.getCommandLine().getOut(), e.getCommandLine().getErr());
            report.problem(dev.deployc.diag.Finding.Kind.USAGE, null, e.getMessage());
            report.finish();
            return USAGE_OR_IO;
        });
        int exit = cli.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    static String internalError(Exception e) {
        return "deployc: internal error: " + e + "\nthis is a bug in deployc; please report it with the spec that caused it";
    }
}
