package dev.deployc.diag;

/**
 * A region of one source file. Offsets are character indexes into the text; line and column
 * (both 1-based, column counted in characters) describe where the region starts.
 */
public record Span(int start, int end, int line, int column) implements Comparable<Span> {

    public Span {
        if (start < 0 || end < start || line < 1 || column < 1) {
            throw new IllegalArgumentException("bad span " + start + ".." + end + " at " + line + ":" + column);
        }
    }

    public int length() {
        return end - start;
    }

    /** The smallest span that covers both. */
    public Span to(Span other) {
        Span first = start <= other.start ? this : other;
        return new Span(first.start, Math.max(end, other.end), first.line, first.column);
    }

    @Override
    public int compareTo(Span o) {
        int c = Integer.compare(start, o.start);
        return c != 0 ? c : Integer.compare(end, o.end);
    }
}
