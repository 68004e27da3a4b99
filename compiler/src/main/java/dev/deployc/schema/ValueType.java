package dev.deployc.schema;

/** The types a key's value can have; each names itself for messages and the language reference. */
public enum ValueType {
    TEXT("text", "one line of free text"),
    STRING("string", "a string"),
    NAME("name", "lower-case letters, digits and `-`"),
    USER("user name", "a user or group name, or a numeric id"),
    PATH("absolute path", "an absolute, normalised path"),
    PATHS("list of absolute paths", "a list of absolute paths"),
    ARGV("command line", "a list of strings: an absolute program path, then its arguments"),
    STRINGS("list of strings", "a list of strings"),
    DURATION("duration", "a number with `ms`, `s`, `m`, `h` or `d`"),
    SIZE("size", "a number with `B`, `KiB`, `MiB`, `GiB` or `TiB`"),
    PERCENT("percentage", "a number with `%`"),
    INTEGER("integer", "a whole number"),
    NUMBER("number", "a number"),
    BOOL("boolean", "`true` or `false`"),
    ENUM("one of", "one of the listed words"),
    PORT("port", "a port number, 1–65535"),
    PORTS("list of ports", "a list of port numbers"),
    LISTEN("listen address", "a port, \"ip:port\", \"[ipv6]:port\" or a unix socket path, or a list of them"),
    REFERENCES("list of references", "`service.<name>`, `socket`, `socket.<name>`, `target.<name>`, or a unit name in quotes"),
    WEIGHT("weight", "a percentage of hosts (`5%`) or a host count (`2`)"),
    TARGETS("list of targets", "a list of \"GOOS/GOARCH\" strings"),
    GO_VERSION("Go version", "a Go release such as \"1.22\" or \"1.22.5\""),
    GO_SYMBOL("Go variable", "a package path and variable: \"example.com/app/internal/version.Version\""),
    GO_PACKAGE("Go package", "a Go package path such as \"./cmd/api\""),
    MODULE("Go module path", "a Go module path such as \"example.com/orders\""),
    URL("URL", "an http:// or https:// URL"),
    CAPABILITIES("list of capabilities", "a list of capability names such as \"CAP_NET_BIND_SERVICE\""),
    SYSCTL_VALUE("sysctl value", "a number or a string"),
    DIGEST("image digest", "an image digest: \"sha256:\" and 64 hex digits"),
    DOC_URLS("list of documentation URIs", "a list of `http://`, `https://`, `file:`, `info:` or `man:` URIs"),
    SIGNAL("signal", "a signal name such as `SIGTERM`, `SIGINT` or `SIGRTMIN+3`"),
    EXIT_STATUSES("list of exit statuses", "a list of exit codes 0–255 (numbers) and signal names such as `SIGTERM`"),
    LIMIT("limit", "a whole number, or the word `infinity`"),
    SIZE_LIMIT("size limit", "a size such as `64MiB`, or the word `infinity`"),
    MODE("file mode", "an octal file mode in quotes, such as \"0750\""),
    DIRECTORIES("list of directory names", "a list of relative, normalised directory names such as \"app\" or \"app/cache\""),
    COMMANDS("list of command lines", "a list of command lines, each a list: `[[\"/usr/bin/x\", \"--flag\"]]`; start one with the word `may_fail` to ignore its failure"),
    CONDITION_PATHS("list of condition paths", "a list of absolute paths; a leading `!` negates the test; a path may be a list of parts with specifier words"),
    ADDRESS_FAMILIES("list of address families", "a list of socket address families such as \"AF_NETLINK\""),
    SYSCALL_SETS("list of system call sets", "a list of system call groups (\"@mount\") or names (\"ioctl\")"),
    DEVICES("list of device rules", "a list of \"<device> <r|w|m>\" rules such as \"/dev/fuse rw\" or \"char-pts rw\""),
    UMASK("umask", "`true` (0077), `false` (systemd's 0022) or an octal mask in quotes such as \"0027\""),
    WRITABLE_PATHS("list of writable paths", "a list of absolute paths; a leading `-` marks one optional (skipped when absent); a path may be a list of parts with specifier words"),
    ENV_FILES("list of environment files", "a list of absolute paths of `KEY=value` files; a path may be a list of parts with specifier words"),
    NAMES("list of variable names", "a list of environment variable names"),
    TEMPLATE_TEXT("text", "one line of free text; in a template unit, a list of strings and the word `instance` (the instance name, `%I`)"),
    RAW("raw systemd value", "a string, or a list of strings to write the key once per item");

    private final String title;
    private final String description;

    ValueType(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
