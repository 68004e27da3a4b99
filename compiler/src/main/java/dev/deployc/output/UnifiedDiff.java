package dev.deployc.output;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by lines, three lines of context, for showing what is stale. */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    private static final int MAX_LINES = 5000;

    private UnifiedDiff() {}

    public static String of(String oldName, String oldText, String newName, String newText) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            return "--- " + oldName + "\n+++ " + newName + "\n(too large to diff)\n";
        }
        List<char[]> ops = script(a, b);
        StringBuilder out = new StringBuilder("--- " + oldName + "\n+++ " + newName + "\n");
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int quiet = 0;
            for (int j = k; j < ops.size() && quiet <= 2 * CONTEXT; j++) {
                quiet = ops.get(j)[0] == ' ' ? quiet + 1 : 0;
                end = j;
            }
            end = Math.min(ops.size() - 1, end - Math.max(0, quiet - CONTEXT));
            hunk(out, ops, start, end, a, b);
            k = end + 1;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<char[]> ops, int start, int end, List<String> a, List<String> b) {
        int aLine = 0;
        int bLine = 0;
        for (int j = 0; j < start; j++) {
            if (ops.get(j)[0] != '+') aLine++;
            if (ops.get(j)[0] != '-') bLine++;
        }
        int aCount = 0;
        int bCount = 0;
        StringBuilder body = new StringBuilder();
        for (int j = start; j <= end; j++) {
            char op = ops.get(j)[0];
            String text = op == '+' ? b.get(bLine + bCount) : a.get(aLine + aCount);
            body.append(op).append(text).append('\n');
            if (op != '+') aCount++;
            if (op != '-') bCount++;
        }
        out.append("@@ -").append(aLine + (aCount > 0 ? 1 : 0)).append(',').append(aCount)
                .append(" +").append(bLine + (bCount > 0 ? 1 : 0)).append(',').append(bCount).append(" @@\n").append(body);
    }

    /** The edit script by longest common subsequence: ' ' keep, '-' delete, '+' insert. */
    private static List<char[]> script(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<char[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new char[] {' '});
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new char[] {'-'});
                i++;
            } else {
                ops.add(new char[] {'+'});
                j++;
            }
        }
        return ops;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) out.remove(out.size() - 1);
        return out;
    }
}
