package dev.deployc.model;

import java.util.List;

/** One extra command line (ExecStartPre= and friends); {@code mayFail} adds systemd's `-` prefix. */
public record Command(boolean mayFail, List<String> argv) {
    public Command {
        argv = List.copyOf(argv);
    }
}
