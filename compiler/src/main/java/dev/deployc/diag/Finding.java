package dev.deployc.diag;

import java.util.Optional;

/**
 * A finding that is not about a place in a spec: a generated file that is stale, missing or
 * orphaned, a spec that is not formatted, or an I/O or usage problem. It names the file it is
 * about (a generated file, a spec; none for the command line) and, where it helps, the line where
 * the file first differs and the diff itself.
 */
public record Finding(Kind kind, Optional<String> file, int line, String message, Optional<String> help,
        Optional<String> spec, Optional<String> diff) {

    public enum Kind {
        STALE, MISSING, ORPHANED, KEPT, UNFORMATTED, IO, USAGE;

        /** As the JSON {@code kind} field writes it. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Finding {
        if (line < 1) throw new IllegalArgumentException("line " + line);
    }

    /** An I/O or usage problem: about a file when one is known, else the command line. */
    public static Finding problem(Kind kind, String file, String message) {
        return new Finding(kind, Optional.ofNullable(file), 1, message, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
