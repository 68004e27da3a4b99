package dev.deployc.emit.systemd;

import dev.deployc.model.ListenAddress;
import dev.deployc.model.MappedSetting;
import dev.deployc.model.Service;
import dev.deployc.model.Socket;
import dev.deployc.schema.UnitMapping;

/** Lays out one {@code .socket} unit. */
final class SocketUnit {

    private SocketUnit() {}

    static UnitFile of(Service service, Socket socket) {
        UnitFile unit = new UnitFile("Unit", "Socket", "Install");
        String which = socket.label().isEmpty() ? "Socket" : "Socket " + socket.label();
        unit.add("Unit", "Description", UnitEscaper.expanding(socket.description().orElse(which + " for " + service.description())));
        if (socket.partOf()) {
            unit.add("Unit", "PartOf", service.unitName());
        }
        String listenKey = socket.datagram() ? "ListenDatagram" : "ListenStream";
        for (ListenAddress address : socket.listen()) {
            unit.add("Socket", listenKey, UnitEscaper.raw(address.unitValue()));
        }
        for (MappedSetting s : socket.unitSettings()) {
            if (s.key().unit() instanceof UnitMapping.Key k) {
                unit.add("Socket", k.key(), UnitValues.format(s.key(), s.value()));
            }
        }
        if (socket.accept()) {
            unit.add("Socket", "Accept", "yes");
        }
        unit.add("Socket", "FileDescriptorName", socket.label().isEmpty() ? service.name() : socket.label());
        if (!socket.label().isEmpty()) {
            unit.add("Socket", "Service", service.unitName());
        }
        unit.add("Install", "WantedBy", "sockets.target");
        if (!socket.raw().isEmpty()) {
            ServiceUnit.raw(unit, java.util.Map.of("Socket", socket.raw()));
        }
        return unit;
    }
}
