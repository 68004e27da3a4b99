package dev.deployc.output;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON the manifest needs, strictly: objects of strings and objects, nothing else, no
 * duplicate keys, nothing after the top object. Errors say where, as {@link IllegalArgumentException}.
 */
final class JsonReader {

    private static final int MAX_DEPTH = 8;

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    static Map<String, Object> object(String text) {
        JsonReader r = new JsonReader(text);
        r.blank();
        Map<String, Object> top = r.object(0);
        r.blank();
        if (r.at != text.length()) throw r.error("text after the end of the object");
        return top;
    }

    /** A JSON string literal; everything outside printable ASCII is written as an escape. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) throw error("objects nest too deep");
        expect('{');
        Map<String, Object> out = new LinkedHashMap<>();
        blank();
        if (peek() == '}') {
            at++;
            return out;
        }
        while (true) {
            blank();
            String key = string();
            blank();
            expect(':');
            blank();
            Object value = peek() == '{' ? object(depth + 1) : string();
            if (out.put(key, value) != null) throw error("the key " + quote(key) + " appears twice");
            blank();
            char c = next();
            if (c == '}') return out;
            if (c != ',') throw error("expected `,` or `}`");
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("a control character inside a string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) throw error("a cut-off \\u escape");
                    String hex = text.substring(at, at + 4);
                    for (int i = 0; i < 4; i++) {
                        // JSON's four hex digits, ASCII only: Integer.parseInt would also take a sign and other scripts' digits.
                        if ("0123456789abcdefABCDEF".indexOf(hex.charAt(i)) < 0) throw error("a malformed \\u escape");
                    }
                    b.append((char) Integer.parseInt(hex, 16));
                    at += 4;
                }
                default -> throw error("an unknown escape \\" + e);
            }
        }
    }

    private void blank() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) at++;
    }

    private char peek() {
        if (at >= text.length()) throw error("unexpected end");
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            at--;
            throw error("expected `" + c + "`");
        }
    }

    private IllegalArgumentException error(String what) {
        int line = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return new IllegalArgumentException(what + " on line " + line);
    }
}
