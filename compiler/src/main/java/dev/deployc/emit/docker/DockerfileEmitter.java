package dev.deployc.emit.docker;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.Header;
import dev.deployc.emit.GoBuild;
import dev.deployc.emit.ShellEscaper;
import dev.deployc.emit.Templates;
import dev.deployc.emit.systemd.UnitEscaper;
import dev.deployc.model.Health;
import dev.deployc.model.ListenAddress;
import dev.deployc.model.Service;
import dev.deployc.model.Socket;
import dev.deployc.model.Spec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits {@code <project>/docker/<service>.Dockerfile} and its {@code .dockerignore}: a cross-compiling
 * builder stage with the same flags as build.sh, and a small non-root final image.
 */
public final class DockerfileEmitter implements dev.deployc.emit.Emitter {

    public static final String TEMPLATE = "docker/Dockerfile.ftl";
    public static final String IGNORE_TEMPLATE = "docker/dockerignore.ftl";

    @Override
    public List<GeneratedFile> emit(Spec spec) {
        List<GeneratedFile> files = new ArrayList<>();
        for (Service service : spec.services()) {
            String path = spec.project().name() + "/docker/" + service.name() + ".Dockerfile";
            Map<String, Object> model = model(spec, service, GoBuild.of(service), path);
            files.add(new GeneratedFile(path, Templates.render(TEMPLATE, model)));
            files.add(new GeneratedFile(path + ".dockerignore", Templates.render(IGNORE_TEMPLATE, model)));
        }
        return files;
    }

    private static Map<String, Object> model(Spec spec, Service service, GoBuild build, String path) {
        var project = spec.project();
        Map<String, Object> m = new HashMap<>();
        m.put("header", Header.text(spec));
        m.put("serviceComment", UnitEscaper.comment(service.name()));
        m.put("projectComment", UnitEscaper.comment(project.name()));
        m.put("dockerfilePath", UnitEscaper.comment(path));
        m.put("builderImage", "golang:" + project.goVersion() + (project.builderDigest().isPresent() ? "@" + project.builderDigest().get() : ""));
        m.put("cgo", GoBuild.CGO);
        m.put("flags", String.join(" ", GoBuild.FLAGS));
        m.put("tagArguments", build.tags().isEmpty() ? "" : " " + build.tagArguments());
        m.put("ldflags", GoBuild.ldflags(project, "${VERSION}", "${COMMIT}", "${DATE}"));
        m.put("binary", ShellEscaper.word(build.binary()));
        m.put("package", ShellEscaper.word(build.mainPackage()));
        m.put("flavour", service.image().flavour());
        List<String> packages = new ArrayList<>();
        for (String p : service.image().packages()) {
            packages.add(ShellEscaper.word(p));
        }
        m.put("packages", String.join(" ", packages));
        m.put("title", DockerEscaper.labelValue(service.name()));
        m.put("sourceUrl", DockerEscaper.labelValue("https://" + project.module()));
        m.put("installPath", DockerEscaper.json(service.argv().get(0)));
        m.put("expose", exposedPorts(service));
        // systemd's expansions (env files, specifiers, the instance) have no value in an image. ENTRYPOINT stops before the
        // first word that uses one, whole or spliced, so the words a user gives after the image name keep their order.
        List<String> argv = service.argv();
        int cut = 0;
        while (cut < argv.size() && !dev.deployc.model.ExecWord.isSpecial(argv.get(cut))) cut++;
        m.put("entrypoint", DockerEscaper.execForm(argv.subList(0, cut)));
        if (cut < argv.size()) {
            List<String> leftOut = new ArrayList<>();
            for (String word : argv.subList(cut, argv.size())) {
                leftOut.add(dev.deployc.model.ExecWord.specForm(word));
            }
            m.put("entrypointNote", UnitEscaper.comment("ENTRYPOINT stops before the `exec` word " + leftOut.get(0)
                    + ", which only systemd expands. Give it and the words after it, in this order, after the image name in "
                    + "`docker run`: " + String.join(", ", leftOut) + "."));
        }
        if (service.health().isPresent()) {
            health(m, service.health().get(), service.image().flavour());
        } else {
            m.put("healthNote", "the spec has no `health` block.");
        }
        return m;
    }

    /** The ports of the service's sockets, the ports it binds itself, and the image's extra ports. */
    static List<String> exposedPorts(Service service) {
        Set<String> ports = new LinkedHashSet<>();
        for (Socket socket : service.sockets()) {
            for (ListenAddress a : socket.listen()) {
                java.util.Optional<Integer> p = port(a);
                if (p.isPresent()) ports.add(p.get() + (socket.datagram() ? "/udp" : "/tcp"));
            }
        }
        for (Integer p : service.ports()) {
            ports.add(p + "/tcp");
        }
        for (Integer p : service.image().expose()) {
            ports.add(p + "/tcp");
        }
        return List.copyOf(ports);
    }

    private static java.util.Optional<Integer> port(ListenAddress a) {
        if (a instanceof ListenAddress.AnyHost h) return java.util.Optional.of(h.port());
        if (a instanceof ListenAddress.Ipv4 v) return java.util.Optional.of(v.port());
        if (a instanceof ListenAddress.Ipv6 v) return java.util.Optional.of(v.port());
        return java.util.Optional.empty();
    }

    private static void health(Map<String, Object> m, Health h, String flavour) {
        List<String> command = null;
        if (h.probe() instanceof Health.Command c) {
            command = c.argv();
        } else if (flavour.equals("alpine") && h.probe() instanceof Health.Http http) {
            command = List.of("wget", "-q", "-O", "/dev/null", http.url());
        } else if (flavour.equals("alpine") && h.probe() instanceof Health.Tcp tcp) {
            command = List.of("nc", "-z", "127.0.0.1", Integer.toString(tcp.port()));
        }
        if (command == null) {
            m.put("healthNote", "the " + flavour + " image has no HTTP or TCP client for the spec's `health` probe;"
                    + " give `health` a `command` to get one.");
            return;
        }
        m.put("healthcheck", DockerEscaper.execForm(command));
        m.put("interval", seconds(h.interval()));
        m.put("timeout", seconds(h.timeout()));
        m.put("startPeriod", seconds(h.startPeriod()));
        m.put("retries", Long.toString(h.retries()));
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
