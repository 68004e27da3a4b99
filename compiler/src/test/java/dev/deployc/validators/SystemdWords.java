package dev.deployc.validators;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent reading of a unit-file word list, following systemd's documented rules for
 * quoting ("…" and '…' around whole words) and C-style escapes. Specifiers and variables are left
 * as they are; callers resolve {@code %%} and {@code $$}.
 */
final class SystemdWords {

    private SystemdWords() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
            if (i >= line.length()) break;
            StringBuilder word = new StringBuilder();
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                char quote = c;
                i++;
                while (true) {
                    if (i >= line.length()) throw new IllegalArgumentException("unbalanced quote in: " + line);
                    char d = line.charAt(i);
                    if (d == quote) { i++; break; }
                    if (d == '\\') { i = unescape(line, i, word); continue; }
                    word.append(d);
                    i++;
                }
                if (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                    throw new IllegalArgumentException("a quote must end a word: " + line);
                }
            } else {
                while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                    char d = line.charAt(i);
                    if (d == '"' || d == '\'') throw new IllegalArgumentException("a quote inside a bare word: " + line);
                    if (d == '\\') { i = unescape(line, i, word); continue; }
                    word.append(d);
                    i++;
                }
            }
            words.add(word.toString());
        }
        return words;
    }

    private static int unescape(String line, int at, StringBuilder out) {
        if (at + 1 >= line.length()) throw new IllegalArgumentException("trailing backslash: " + line);
        char e = line.charAt(at + 1);
        switch (e) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 's' -> out.append(' ');
            case '\\', '"', '\'' -> out.append(e);
            default -> throw new IllegalArgumentException("escape \\" + e + " is not one this test expects: " + line);
        }
        return at + 2;
    }
}
