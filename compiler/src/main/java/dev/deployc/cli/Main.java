package dev.deployc.cli;

import picocli.CommandLine;

/** The only place that exits. Exit codes: 0 success, 1 the spec has errors or output is stale, 2 usage or I/O. */
public final class Main {

    public static final int OK = 0;
    public static final int SPEC_ERRORS = 1;
    public static final int USAGE_OR_IO = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new DeploycCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("deployc: internal error: " + e
                    + "\nthis is a bug in deployc; please report it with the spec that caused it");
            return USAGE_OR_IO;
        });
        int exit = cli.execute(args);
        out.flush();
        err.flush();
        return exit;
    }
}
