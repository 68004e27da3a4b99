package dev.deployc.output;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which spec generated which file in an output directory, and the SHA-256 of what it wrote there.
 * Stored as {@code .deployc-manifest}, a JSON object, so no spec or file name can be mistaken for
 * anything else. It is untrusted input: {@link #parse} refuses every entry that could name a file
 * outside the output directory, and a later build deletes only files whose content still has the
 * recorded hash. A manifest of an older deployc (tab-separated lines, no hashes) is still read.
 */
public record Manifest(Map<String, Map<String, String>> filesBySpec) {

    public static final String FILE_NAME = ".deployc-manifest";
    static final String FORMAT = "deployc-manifest 2";
    /** The hash recorded for files listed by an older deployc, which recorded none. */
    static final String UNKNOWN = "";
    /** Compiled once: a monorepo's manifest has thousands of entries. */
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("sha256:[0-9a-f]{64}");
    private static final String LEGACY_HEADER = "# Files deployc generated in this directory, by spec.";

    public Manifest {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> e : filesBySpec.entrySet()) {
            copy.put(e.getKey(), Collections.unmodifiableMap(new TreeMap<>(e.getValue())));
        }
        filesBySpec = Collections.unmodifiableMap(copy);
    }

    public static Manifest empty() {
        return new Manifest(Map.of());
    }

    /** The hash the manifest records for a file's content. */
    public static String hash(String content) {
        return "sha256:" + HexFormat.of().formatHex(Sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** The spec that generated each path and the hash it recorded: one index, since a monorepo asks for thousands. */
    public Map<String, Map.Entry<String, String>> owners() {
        Map<String, Map.Entry<String, String>> out = new java.util.HashMap<>();
        for (Map.Entry<String, Map<String, String>> spec : filesBySpec.entrySet()) {
            for (Map.Entry<String, String> file : spec.getValue().entrySet()) {
                out.putIfAbsent(file.getKey(), Map.entry(spec.getKey(), file.getValue()));
            }
        }
        return out;
    }

    public static Manifest parse(String text) throws MalformedManifestException {
        Manifest m = text.startsWith(LEGACY_HEADER) ? parseLegacy(text) : parseJson(text);
        for (Map.Entry<String, Map<String, String>> spec : m.filesBySpec.entrySet()) {
            if (spec.getKey().isEmpty() || hasControlCharacter(spec.getKey())) {
                throw new MalformedManifestException("a spec name is empty or holds a control character");
            }
            for (Map.Entry<String, String> file : spec.getValue().entrySet()) {
                Optional<String> bad = unsafe(file.getKey());
                if (bad.isPresent()) {
                    throw new MalformedManifestException("the entry `" + printable(file.getKey()) + "` of `"
                            + printable(spec.getKey()) + "` " + bad.get());
                }
                if (!file.getValue().equals(UNKNOWN) && !SHA256.matcher(file.getValue()).matches()) {
                    throw new MalformedManifestException("the hash of `" + printable(file.getKey()) + "` is not sha256:<64 hex digits>");
                }
            }
        }
        return m;
    }

    /** Why a path may not be an output file, or empty when it may: relative, plain components, inside the directory. */
    static Optional<String> unsafe(String path) {
        if (path.isEmpty()) return Optional.of("is empty");
        if (path.startsWith("/")) return Optional.of("is an absolute path");
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') return Optional.of("holds a control character or a backslash");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty()) return Optional.of("has an empty path component");
            if (part.equals("..")) return Optional.of("leaves the output directory (`..`)");
            if (part.equals(".")) return Optional.of("has a `.` component");
            if (part.startsWith(".deployc")) return Optional.of("names a file deployc keeps for itself");
        }
        return Optional.empty();
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) return true;
        }
        return false;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, shown = 0; i < s.length() && shown < 200; shown++) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c));
            else b.appendCodePoint(c);
        }
        return s.length() > 200 ? b + "…" : b.toString();
    }

    private static Manifest parseLegacy(String text) throws MalformedManifestException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# Files deployc")) continue;
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                throw new MalformedManifestException("malformed line: " + printable(line));
            }
            String spec = line.substring(0, tab);
            Map<String, String> files = out.get(spec);
            if (files == null) out.put(spec, files = new TreeMap<>());
            files.put(line.substring(tab + 1), UNKNOWN);
        }
        return new Manifest(out);
    }

    private static Manifest parseJson(String text) throws MalformedManifestException {
        Map<String, Object> top;
        try {
            top = JsonReader.object(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedManifestException("not valid JSON: " + e.getMessage());
        }
        if (!FORMAT.equals(top.get("format")) || !(top.get("specs") instanceof Map<?, ?> specs) || top.size() != 2) {
            throw new MalformedManifestException("not a deployc manifest: it needs exactly `format` (\"" + FORMAT + "\") and `specs`");
        }
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Map.Entry<?, ?> spec : specs.entrySet()) {
            if (!(spec.getValue() instanceof Map<?, ?> files)) {
                throw new MalformedManifestException("the files of `" + printable((String) spec.getKey()) + "` are not an object");
            }
            Map<String, String> hashes = new TreeMap<>();
            for (Map.Entry<?, ?> f : files.entrySet()) {
                if (!(f.getValue() instanceof String h)) {
                    throw new MalformedManifestException("the hash of `" + printable((String) f.getKey()) + "` is not a string");
                }
                hashes.put((String) f.getKey(), h);
            }
            out.put((String) spec.getKey(), hashes);
        }
        return new Manifest(out);
    }

    /** One entry per line, sorted, so a one-file change is a one-line diff. */
    public String render() {
        StringBuilder b = new StringBuilder("{\n  \"format\": \"" + FORMAT + "\",\n  \"specs\": {");
        List<String> specs = List.copyOf(filesBySpec.keySet());
        for (int s = 0; s < specs.size(); s++) {
            b.append(s == 0 ? "\n" : ",\n").append("    ").append(JsonReader.quote(specs.get(s))).append(": {");
            Map<String, String> files = new LinkedHashMap<>(filesBySpec.get(specs.get(s)));
            int f = 0;
            for (Map.Entry<String, String> e : files.entrySet()) {
                b.append(f++ == 0 ? "\n" : ",\n").append("      ").append(JsonReader.quote(e.getKey())).append(": ")
                        .append(JsonReader.quote(e.getValue()));
            }
            b.append(files.isEmpty() ? "}" : "\n    }");
        }
        return b.append(specs.isEmpty() ? "}\n}\n" : "\n  }\n}\n").toString();
    }

    public static final class MalformedManifestException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedManifestException(String message) {
            super(message);
        }
    }
}
