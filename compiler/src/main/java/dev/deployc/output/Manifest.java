package dev.deployc.output;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which spec generated which file in an output directory. Stored as {@code .deployc-manifest}, one
 * {@code spec<TAB>path} line each, so a later build can remove what a spec no longer generates and
 * leave every other file alone.
 */
public record Manifest(Map<String, Set<String>> filesBySpec) {

    public static final String FILE_NAME = ".deployc-manifest";
    private static final String HEADER = "# Files deployc generated in this directory, by spec. Do not edit.\n";

    public Manifest {
        Map<String, Set<String>> copy = new TreeMap<>();
        filesBySpec.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableSet(new TreeSet<>(v))));
        filesBySpec = java.util.Collections.unmodifiableMap(copy);
    }

    public static Manifest empty() {
        return new Manifest(Map.of());
    }

    public static Manifest parse(String text) throws MalformedManifestException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                throw new MalformedManifestException("malformed line: " + line);
            }
            out.computeIfAbsent(line.substring(0, tab), k -> new TreeSet<>()).add(line.substring(tab + 1));
        }
        return new Manifest(out);
    }

    public String render() {
        StringBuilder b = new StringBuilder(HEADER);
        filesBySpec.forEach((spec, files) -> files.forEach(f -> b.append(spec).append('\t').append(f).append('\n')));
        return b.toString();
    }


    public static final class MalformedManifestException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedManifestException(String message) {
            super(message);
        }
    }
}
