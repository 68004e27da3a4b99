package dev.deployc.emit.sysctl;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.Header;
import dev.deployc.emit.Templates;
import dev.deployc.emit.systemd.UnitEscaper;
import dev.deployc.model.KernelSetting;
import dev.deployc.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Emits {@code <project>/sysctl.d/90-<project>.conf} when the project needs any kernel setting. */
public final class SysctlEmitter implements dev.deployc.emit.Emitter {

    @Override
    public List<GeneratedFile> emit(Spec spec) {
        if (spec.kernel().isEmpty()) {
            return List.of();
        }
        String fileName = "90-" + spec.project().name() + ".conf";
        List<Map<String, String>> settings = new ArrayList<>();
        for (KernelSetting k : spec.kernel()) {
            settings.add(Map.of("key", k.key(), "value", k.value(), "reason", UnitEscaper.comment(k.reason())));
        }
        String text = Templates.render("sysctl/sysctl.conf.ftl", Map.of(
                "header", Header.text(spec),
                "projectComment", UnitEscaper.comment(spec.project().name()),
                "fileName", fileName,
                "settings", settings));
        return List.of(new GeneratedFile(spec.project().name() + "/sysctl.d/" + fileName, text));
    }
}
