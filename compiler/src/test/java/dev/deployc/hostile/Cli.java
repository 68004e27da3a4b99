package dev.deployc.hostile;

import dev.deployc.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in this JVM, as a user would run it. */
final class Cli {

    record Run(int exit, String out, String err) {}

    private Cli() {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
