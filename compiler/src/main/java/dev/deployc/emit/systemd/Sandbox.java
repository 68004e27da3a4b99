package dev.deployc.emit.systemd;

import dev.deployc.model.Runtime;
import java.util.ArrayList;
import java.util.List;

/** The graded parts of the sandbox profile: extra address families and system call additions/removals. */
final class Sandbox {

    private static final String FAMILIES = "RestrictAddressFamilies=";
    private static final String ALLOW = "SystemCallFilter=@";
    private static final String DENY = "SystemCallFilter=~";

    private Sandbox() {}

    /** A profile line as the spec's additions change it; an empty deny line disappears (returns null-free text). */
    static String adjust(String line, Runtime rt) {
        if (line.startsWith(FAMILIES) && !rt.extraAddressFamilies().isEmpty()) {
            return line + " " + String.join(" ", rt.extraAddressFamilies());
        }
        if (line.startsWith(ALLOW)) {
            List<String> extra = new ArrayList<>();
            for (String call : rt.systemCallsAllow()) {
                if (!denied().contains(call)) extra.add(call);
            }
            return extra.isEmpty() ? line : line + " " + String.join(" ", extra);
        }
        if (line.startsWith(DENY)) {
            List<String> deny = new ArrayList<>(List.of(line.substring(DENY.length()).split(" ")));
            deny.removeAll(rt.systemCallsAllow());
            for (String call : rt.systemCallsDeny()) {
                if (!deny.contains(call)) deny.add(call);
            }
            // An empty deny line would read as "deny nothing" only by accident; the allow line alone says it.
            return deny.isEmpty() ? "# No system call deny line: the spec allows all of @privileged and @resources." : DENY + String.join(" ", deny);
        }
        return line;
    }

    private static List<String> denied() {
        return List.of("@privileged", "@resources");
    }
}
