package dev.deployc.emit.ansible;

import java.util.List;

/**
 * Writes values into generated YAML that Ansible reads. A value is always a double-quoted YAML
 * scalar with every character outside printable ASCII escaped, so it never ends the scalar, starts
 * a new key or document, or carries a line break; {@link #unsafe} also tags it {@code !unsafe}, so
 * Ansible never treats a {@code {{ … }}} or {@code {% … %}} in it as a template.
 */
public final class YamlEscaper {

    private YamlEscaper() {}

    /** A spec value as data: {@code !unsafe "…"}; Ansible hands it on verbatim and never templates it. */
    public static String unsafe(String value) {
        return "!unsafe " + quoted(value);
    }

    /** A list of spec values as a flow sequence of {@link #unsafe} scalars. */
    public static String unsafeList(List<String> values) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(unsafe(values.get(i)));
        }
        return list.append(']').toString();
    }

    /** A double-quoted YAML scalar; for values Ansible never templates, such as mapping keys and comments' neighbours. */
    public static String quoted(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int cp = value.codePointAt(i);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                throw new IllegalArgumentException("a lone surrogate reached the YAML escaper; the string checks reject them");
            }
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) {
                        b.append((char) cp);
                    } else if (cp <= 0xff) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (cp <= 0xffff) {
                        b.append(String.format("\\u%04x", cp));
                    } else {
                        b.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Text for a YAML comment line: control and line-separator characters escaped, so it stays one comment line. */
    public static String comment(String text) {
        return dev.deployc.emit.systemd.UnitEscaper.comment(text);
    }
}
