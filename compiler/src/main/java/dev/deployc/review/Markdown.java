package dev.deployc.review;

/**
 * Spec values in Markdown. They are untrusted text: each goes into a code span long enough for
 * the backticks it holds, on one line, with table pipes escaped, so no value can start a heading,
 * a link or a new table cell.
 */
final class Markdown {

    private Markdown() {}

    /** A code span: {@code `value`}. */
    static String code(String value) {
        String v = inline(value);
        int longest = 0;
        int run = 0;
        for (char c : v.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = v.startsWith("`") || v.endsWith("`") || v.isEmpty() ? " " : "";
        return fence + pad + v + pad + fence;
    }

    /** One line, table-safe; used inside code spans. */
    static String inline(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\n' || c == '\r' || c == '\t') b.append(' ');
            else if (c == '|') b.append("\\|");
            else if (Character.isISOControl(c)) b.append('?');
            else b.append(c);
        }
        return b.toString();
    }
}
