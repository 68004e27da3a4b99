package dev.deployc.diag;

import java.util.ArrayList;
import java.util.List;

/** A spec's text under the name diagnostics and headers show for it. */
public record Source(String name, String text) {

    public Source {
        name = name.replace('\\', '/');
    }

    /** The line starts of the text last asked about: a file of many diagnostics is scanned once, not once per diagnostic. */
    private record LineStarts(String text, List<Integer> starts) {}

    private static volatile LineStarts last = new LineStarts("", List.of(0));

    /** Line {@code n} (1-based) without its line terminator. */
    public String line(int n) {
        LineStarts cached = last;
        if (cached.text() != text) {
            cached = new LineStarts(text, lineStarts());
            last = cached;
        }
        List<Integer> starts = cached.starts();
        if (n < 1 || n > starts.size()) {
            return "";
        }
        int from = starts.get(n - 1);
        int to = n < starts.size() ? starts.get(n) : text.length();
        while (to > from && (text.charAt(to - 1) == '\n' || text.charAt(to - 1) == '\r')) {
            to--;
        }
        return text.substring(from, to);
    }

    private List<Integer> lineStarts() {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Only LF ends a line, as the lexer counts lines; a CR before it is stripped by line().
            if (c == '\n') {
                starts.add(i + 1);
            }
        }
        return starts;
    }
}
