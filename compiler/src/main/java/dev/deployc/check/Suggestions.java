package dev.deployc.check;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the closest candidate by edit distance (adjacent swaps count once). */
public final class Suggestions {

    private Suggestions() {}

    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = word.length() <= 4 ? 1 : word.length() <= 8 ? 2 : 3;
        String lower = null;
        for (String c : candidates.stream().sorted().toList()) {
            // The distance is at least the difference in length: a long word is compared with nothing
            // (a million-character key once took seconds per candidate).
            if (Math.abs(word.length() - c.length()) > limit) continue;
            if (lower == null) lower = word.toLowerCase();
            int d = distance(lower, c.toLowerCase());
            if (d <= limit && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
