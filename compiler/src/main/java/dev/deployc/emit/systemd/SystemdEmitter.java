package dev.deployc.emit.systemd;

import dev.deployc.emit.GeneratedFile;
import dev.deployc.emit.Header;
import dev.deployc.emit.Templates;
import dev.deployc.model.Service;
import dev.deployc.model.Socket;
import dev.deployc.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Emits the systemd units of a spec under {@code <project>/systemd/}. */
public final class SystemdEmitter implements dev.deployc.emit.Emitter {

    public static final String TEMPLATE = "systemd/unit.ftl";

    @Override
    public List<GeneratedFile> emit(Spec spec) {
        List<GeneratedFile> files = new ArrayList<>();
        String dir = spec.project().name() + "/systemd/";
        for (Service service : spec.services()) {
            files.add(render(spec, dir + service.unitName(), "service `" + service.name() + "`", ServiceUnit.of(spec, service)));
            for (Socket socket : service.sockets()) {
                String what = socket.label().isEmpty() ? "main socket" : "socket `" + socket.label() + "`";
                files.add(render(spec, dir + socket.unitName(), what + " of service `" + service.name() + "`",
                        SocketUnit.of(service, socket)));
            }
        }
        return files;
    }

    private static GeneratedFile render(Spec spec, String path, String summary, UnitFile unit) {
        String text = Templates.render(TEMPLATE, Map.of(
                "header", Header.text(spec),
                "summary", UnitEscaper.comment("The " + summary + " of project `" + spec.project().name() + "`."),
                "sections", unit.model()));
        return new GeneratedFile(path, text);
    }
}
