package dev.deployc.cli;

import dev.deployc.check.NearbyFiles;
import dev.deployc.diag.Source;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the specs named on the command line. */
final class SpecFiles {

    /** A spec as read: its text under the name the user gave, and its path as generated headers name it. */
    record Loaded(Source source, String specPath, Path file) {
        NearbyFiles nearby() {
            Path dir = file.toAbsolutePath().getParent();
            if (dir == null) return NearbyFiles.none();
            Path repository = base(dir);
            return NearbyFiles.in(dir, dir.startsWith(repository) ? repository : dir);
        }
    }

    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        private final String file;

        Problem(String message) {
            this(null, message);
        }

        Problem(String file, String message) {
            super(message);
            this.file = file;
        }

        /** The file the problem is about, as the user named it; null when none. */
        String file() {
            return file;
        }
    }

    private SpecFiles() {}

    static List<Loaded> read(List<Path> specs) throws Problem {
        Map<Path, Loaded> loaded = new LinkedHashMap<>();
        Map<Path, Path> baseByDirectory = new java.util.HashMap<>();
        for (Path spec : specs) {
            Path absolute = spec.toAbsolutePath().normalize();
            if (loaded.containsKey(absolute)) continue;
            String shown = spec.normalize().toString().replace('\\', '/');
            Path base = baseByDirectory.get(absolute.getParent());
            if (base == null) {
                base = base(absolute.getParent());
                baseByDirectory.put(absolute.getParent(), base);
            }
            loaded.put(absolute, new Loaded(new Source(shown, text(spec, shown)), specPath(base, absolute), spec));
        }
        return new ArrayList<>(loaded.values());
    }

    private static String text(Path spec, String shown) throws Problem {
        byte[] bytes;
        try {
            if (Files.isDirectory(spec)) throw new Problem(shown, "`" + shown + "` is a directory, not a spec");
            bytes = Files.readAllBytes(spec);
        } catch (NoSuchFileException e) {
            throw new Problem(shown, "cannot read `" + shown + "`: no such file");
        } catch (IOException e) {
            throw new Problem(shown, "cannot read `" + shown + "`: " + (e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied" : IoProblems.describe(e)));
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new Problem(shown, "`" + shown + "` is not UTF-8 text");
        }
    }

    /** The root of the git work tree holding {@code directory}, or else the current directory. */
    static Path base(Path directory) {
        for (Path dir = directory; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /**
     * The path headers and the manifest name a spec by: relative to the root of the git work tree
     * that holds it, or else to the current directory, so it is the same on every machine.
     */
    static String specPath(Path base, Path absolute) throws Problem {
        String relative = base.relativize(absolute).toString().replace('\\', '/');
        for (int i = 0; i < relative.length(); i++) {
            char c = relative.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new Problem("the spec path `" + relative + "` contains control characters");
            }
        }
        return relative;
    }
}
