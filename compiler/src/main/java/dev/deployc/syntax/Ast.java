package dev.deployc.syntax;

import dev.deployc.diag.Span;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The immutable syntax tree: blocks, attributes and values, each with its {@link Span}. */
public final class Ast {

    private Ast() {}

    public record Document(List<Entry> entries) {
        public Document {
            entries = List.copyOf(entries);
        }
    }

    public sealed interface Entry permits Block, Attribute {
        String name();

        Span nameSpan();

        Span span();
    }

    public record Label(String text, Span span) {}

    public record Block(String name, Span nameSpan, Optional<Label> label, List<Entry> entries, Span span)
            implements Entry {
        public Block {
            entries = List.copyOf(entries);
        }

        /** Where to point at this block: its label when it has one, else its name. */
        public Span labelOrNameSpan() {
            return label.map(Label::span).orElse(nameSpan);
        }

        /** What a reader calls this block: {@code limits} or {@code service "api"}. */
        public String title() {
            return label.map(l -> name + " \"" + l.text() + "\"").orElse(name);
        }
    }

    public record Attribute(String name, Span nameSpan, Value value, Span span) implements Entry {}

    public sealed interface Value permits Text, Number, Quantity, Word, ListOf {
        Span span();

        /** A short description of what kind of value this is, for messages. */
        String kind();
    }

    public record Text(String value, Span span) implements Value {
        public String kind() {
            return "a string";
        }
    }

    public record Number(BigDecimal value, String source, Span span) implements Value {
        public String kind() {
            return "a number";
        }
    }

    /** A number with a unit written right after it: {@code 5s}, {@code 512MiB}, {@code 75%}. */
    public record Quantity(BigDecimal amount, String unit, String source, Span span) implements Value {
        public String kind() {
            return "a quantity";
        }
    }

    /** A bare word: an enum value, {@code true}/{@code false}, or a reference such as {@code socket.http}. */
    public record Word(String word, Span span) implements Value {
        public String kind() {
            return "a word";
        }
    }

    public record ListOf(List<Value> items, Span span) implements Value {
        public ListOf {
            items = List.copyOf(items);
        }

        public String kind() {
            return "a list";
        }
    }
}
