package dev.deployc.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers {@code /api/v1/query} on loopback as Prometheus does: one sample, or no data. The rollout
 * script asks it from the operator's machine, the playbook from Ansible's controller.
 */
public final class PrometheusStub implements AutoCloseable {

    private final HttpServer server;
    private volatile String value = "0";
    private volatile String raw;
    public final List<String> queries = new CopyOnWriteArrayList<>();

    public PrometheusStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8));
            String v = value;
            String result = v == null ? "[]" : "[{\"metric\":{},\"value\":[1763800000.123,\"" + v + "\"]}]";
            String fixed = raw;
            String text = fixed != null ? fixed
                    : "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}";
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The value every query returns from now on; {@code null} for an empty result (no data). */
    public void answer(String value) {
        this.value = value;
    }

    /** Every query is answered with exactly this body from now on. */
    public void answerRaw(String body) {
        this.raw = body;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
