package dev.deployc.schema;

import static dev.deployc.schema.Row.key;
import static dev.deployc.schema.ValueType.*;

import java.util.List;

/** The schema rows of a service's `socket` and `health` blocks. */
final class SocketKeys {

    static final List<KeyDef> KEYS = List.of(
            // socket
            key("service.socket", "listen", LISTEN).required().custom("ListenStream= or ListenDatagram=, one per address")
                    .doc("Where to listen. Host names are rejected, as systemd does.")
                    .example("listen = [8080, \"[::1]:8081\"]"),
            key("service.socket", "type", ENUM).choices("stream", "datagram").byDefault("stream")
                    .custom("chooses ListenStream= or ListenDatagram=").doc("TCP-style stream or UDP-style datagram.")
                    .example("type = datagram"),
            key("service.socket", "backlog", INTEGER).min(1).max(2147483647).unit("Socket", "Backlog")
                    .doc("Queue length of pending connections; capped by `net.core.somaxconn`.").example("backlog = 4096"),
            key("service.socket", "accept", BOOL).byDefault("false").custom("Accept=yes makes the service a template")
                    .doc("One service instance per connection (inetd style).").example("accept = true"),
            key("service.socket", "reuse_port", BOOL).unit("Socket", "ReusePort")
                    .doc("Set SO_REUSEPORT.").example("reuse_port = true"),
            key("service.socket", "description", TEXT).custom("Description=; by default \"Socket for <the service's description>\"")
                    .doc("A one-line description of the socket unit.").example("description = \"Docker Socket for the API\""),
            key("service.socket", "part_of", BOOL).byDefault("false").custom("PartOf=<the service's unit>")
                    .doc("Stop and restart the socket together with its service.").example("part_of = true"),
            key("service.socket", "socket_user", USER).unit("Socket", "SocketUser")
                    .doc("The owner of a unix socket (default root). Must be a static user: a dynamic user does not exist before the service starts.")
                    .example("socket_user = \"root\""),
            key("service.socket", "socket_group", USER).unit("Socket", "SocketGroup")
                    .doc("The group of a unix socket.").example("socket_group = \"docker\""),
            key("service.socket", "socket_mode", ENUM).choices("0600", "0660", "0666").unit("Socket", "SocketMode")
                    .doc("File mode of a unix socket.").example("socket_mode = \"0660\""),
            // health
            key("service.health", "http", URL).doc("Healthy when this URL answers 2xx.")
                    .example("http = \"http://127.0.0.1:8080/healthz\""),
            key("service.health", "tcp", PORT).doc("Healthy when this local port accepts a connection.")
                    .example("tcp = 8080"),
            key("service.health", "command", ARGV).doc("Healthy when this command exits 0.")
                    .example("command = [\"/opt/orders/api/current/bin/api\", \"healthcheck\"]"),
            key("service.health", "interval", DURATION).min(1).byDefault("10s").doc("Time between probes.")
                    .example("interval = 10s"),
            key("service.health", "timeout", DURATION).min(1).byDefault("2s").doc("How long one probe may take.")
                    .example("timeout = 2s"),
            key("service.health", "retries", INTEGER).min(1).max(100).byDefault("3")
                    .doc("Failed probes in a row before unhealthy.").example("retries = 3"),
            key("service.health", "start_period", DURATION).min(0).byDefault("0s")
                    .doc("Grace period after start during which failures do not count.").example("start_period = 30s"));

    private SocketKeys() {}
}
