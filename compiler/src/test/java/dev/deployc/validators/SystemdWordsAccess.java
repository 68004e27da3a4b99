package dev.deployc.validators;

import java.util.List;

/** Lets tests in other packages use the independent unit-word splitter. */
public final class SystemdWordsAccess {

    private SystemdWordsAccess() {}

    public static List<String> split(String line) {
        return SystemdWords.split(line);
    }
}
