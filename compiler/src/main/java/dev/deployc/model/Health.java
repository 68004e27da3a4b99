package dev.deployc.model;

import java.time.Duration;
import java.util.List;

public record Health(Probe probe, Duration interval, Duration timeout, long retries, Duration startPeriod) {

    public sealed interface Probe {}

    public record Http(String url) implements Probe {}

    public record Tcp(int port) implements Probe {}

    public record Command(List<String> argv) implements Probe {
        public Command {
            argv = List.copyOf(argv);
        }
    }
}
