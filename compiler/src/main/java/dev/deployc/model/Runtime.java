package dev.deployc.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a service the unit emitter lays out with logic of its own (privileges, extra
 * commands, environment files, credentials, sandbox additions, the escape hatch).
 *
 * @param capabilities    the bounding set, or empty for an unrestricted one
 * @param environmentFiles paths, a leading {@code -} for an optional file
 * @param raw             escape-hatch settings by unit section, each {@code [key, value]} in spec order
 */
public record Runtime(
        String binary,
        boolean root,
        Optional<List<String>> capabilities,
        List<String> ambientCapabilities,
        List<String> environmentFiles,
        Optional<List<String>> reload,
        Optional<String> reloadSignal,
        List<Command> startPre,
        List<Command> startPost,
        List<Command> stopPost,
        boolean install,
        boolean template,
        Optional<String> umask,
        List<String> extraAddressFamilies,
        List<String> systemCallsAllow,
        List<String> systemCallsDeny,
        Map<String, String> credentials,
        Map<String, String> encryptedCredentials,
        Map<String, List<List<String>>> raw) {}
