package dev.deployc.schema;

import static dev.deployc.schema.Row.key;
import static dev.deployc.schema.ValueType.CONDITION_PATHS;

import java.util.ArrayList;
import java.util.List;

/** The schema rows of the `condition` and `assert` blocks: one row per systemd path test, in both blocks. */
final class ConditionKeys {

    private static final List<String[]> CONDITIONS = List.of(
            new String[] {"path_exists", "PathExists", "the path exists"},
            new String[] {"path_exists_glob", "PathExistsGlob", "a path matches the glob"},
            new String[] {"path_is_directory", "PathIsDirectory", "the path is a directory"},
            new String[] {"path_is_symbolic_link", "PathIsSymbolicLink", "the path is a symbolic link"},
            new String[] {"path_is_mount_point", "PathIsMountPoint", "the path is a mount point"},
            new String[] {"path_is_read_write", "PathIsReadWrite", "the path is on a writable file system"},
            new String[] {"directory_not_empty", "DirectoryNotEmpty", "the directory exists and is not empty"},
            new String[] {"file_not_empty", "FileNotEmpty", "the file exists and is not empty"},
            new String[] {"file_is_executable", "FileIsExecutable", "the file exists and is executable"});

    static final List<KeyDef> KEYS = both();

    private static List<KeyDef> both() {
        List<KeyDef> out = new ArrayList<>(conditions("condition", "Condition"));
        out.addAll(conditions("assert", "Assert"));
        return List.copyOf(out);
    }

    private static List<KeyDef> conditions(String block, String prefix) {
        List<KeyDef> out = new ArrayList<>();
        for (String[] c : CONDITIONS) {
            out.add(key("service." + block, c[0], CONDITION_PATHS).unit("Unit", prefix + c[1])
                    .doc((prefix.equals("Condition") ? "Start only if " : "Fail the start unless ") + c[2] + ", for each path.")
                    .example(c[0] + " = [\"/etc/app\"]"));
        }
        return out;
    }

    private ConditionKeys() {}
}
