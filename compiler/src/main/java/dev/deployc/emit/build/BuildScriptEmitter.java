package dev.deployc.emit.build;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.Header;
import dev.deployc.emit.GoBuild;
import dev.deployc.emit.ShellEscaper;
import dev.deployc.emit.Templates;
import dev.deployc.emit.systemd.UnitEscaper;
import dev.deployc.model.Service;
import dev.deployc.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Emits {@code <project>/build.sh}: reproducible static builds of every service for every target. */
public final class BuildScriptEmitter implements dev.deployc.emit.Emitter {

    public static final String TEMPLATE = "build/build.sh.ftl";

    @Override
    public List<GeneratedFile> emit(Spec spec) {
        var project = spec.project();
        List<Map<String, String>> binaries = new ArrayList<>();
        for (Service service : spec.services()) {
            GoBuild b = GoBuild.of(service);
            binaries.add(Map.of(
                    "name", ShellEscaper.word(b.binary()),
                    "package", ShellEscaper.word(b.mainPackage()),
                    "tags", ShellEscaper.quoted(String.join(",", b.tags()))));
        }
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < project.targets().size(); i++) {
            targets.append(i == 0 ? "" : " ").append(ShellEscaper.word(project.targets().get(i)));
        }
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("header", Header.text(spec));
        model.put("projectComment", UnitEscaper.comment(project.name()));
        model.put("targetsComment", String.join(" ", project.targets()));
        model.put("module", ShellEscaper.quoted(project.module()));
        model.put("goRequired", ShellEscaper.quoted(project.goVersion()));
        model.put("targets", targets.toString());
        model.put("flags", String.join(" ", GoBuild.FLAGS));
        model.put("cgo", GoBuild.CGO);
        model.put("ldflags", GoBuild.ldflags(project, "${version}", "${commit}", "${date}"));
        model.put("binaries", binaries);
        model.put("compress", project.compress());
        String text = Templates.render(TEMPLATE, model);
        return List.of(new GeneratedFile(project.name() + "/build.sh", text, true));
    }
}
