package dev.deployc.syntax;

import java.util.Optional;

/** Unquotes the string literals of the language. Escapes: {@code \" \\ \n \t \r \\u{HEX}}. */
final class StringLiterals {

    private StringLiterals() {}

    /** A problem found while unquoting, at a character offset inside the literal. */
    record Problem(int offset, int length, String message, String help) {}

    record Result(String value, Optional<Problem> problem) {}

    static Result unquote(String literal) {
        boolean closed = literal.length() >= 2 && literal.endsWith("\"") && !endsWithEscapedQuote(literal);
        String body = literal.substring(1, closed ? literal.length() - 1 : literal.length());
        StringBuilder out = new StringBuilder();
        Problem problem = null;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= body.length()) {
                problem = first(problem, new Problem(i + 1, 1, "a string cannot end with a lone `\\`", "write `\\\\` for a backslash"));
                break;
            }
            char e = body.charAt(++i);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    // At most six hex digits: look no further, or a long run of backslash-u would make this quadratic.
                    int close = body.substring(i, Math.min(body.length(), i + 10)).indexOf('}');
                    close = close < 0 ? -1 : close + i;
                    String hex = i + 1 < body.length() && body.charAt(i + 1) == '{' && close > i + 2
                            ? body.substring(i + 2, close) : null;
                    Integer cp = hex == null ? null : parseCodePoint(hex);
                    if (cp == null) {
                        problem = first(problem, new Problem(i, 2, "malformed unicode escape",
                                "write it as `\\u{1F600}`: one to six hex digits in braces"));
                    } else {
                        out.appendCodePoint(cp);
                        i = close;
                    }
                }
                default -> problem = first(problem, new Problem(i, 2, "unknown escape `\\" + e + "` in string",
                        "the escapes are `\\\"` `\\\\` `\\n` `\\t` `\\r` and `\\u{…}`; write `\\\\` for a backslash"));
            }
        }
        return new Result(out.toString(), Optional.ofNullable(problem));
    }

    private static boolean endsWithEscapedQuote(String literal) {
        int backslashes = 0;
        for (int i = literal.length() - 2; i >= 1 && literal.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static Integer parseCodePoint(String hex) {
        if (hex.isEmpty() || hex.length() > 6) return null;
        for (int i = 0; i < hex.length(); i++) {
            // ASCII only: Character.digit and Integer.parseInt also take other scripts' digits, such as fullwidth ones, which would read as ASCII hex.
            if ("0123456789abcdefABCDEF".indexOf(hex.charAt(i)) < 0) return null;
        }
        int cp = Integer.parseInt(hex, 16);
        return Character.isValidCodePoint(cp) && (cp < 0xD800 || cp > 0xDFFF) ? cp : null;
    }

    private static Problem first(Problem existing, Problem candidate) {
        return existing != null ? existing : candidate;
    }
}
