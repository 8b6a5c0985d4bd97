package io.dnsbroker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Prometheus scrape endpoint of one process: {@code GET /metrics} in the text format, from a
 * registry every role of the process records into. The JDK's own HTTP server is enough for one
 * scrape every few seconds, so no web framework is pulled in.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(int port) throws IOException {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        // One daemon thread: a scrape must never keep a stopping process alive.
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", this::scrape);
        server.start();
    }

    /** Serves on {@code port} (0 picks a free one); fails at once when the port is taken. */
    public static MetricsEndpoint start(int port) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("bad metrics port " + port + ": 0 to 65535");
        }
        try {
            MetricsEndpoint endpoint = new MetricsEndpoint(port);
            LoggerFactory.getLogger(MetricsEndpoint.class).info("metrics at http://0.0.0.0:{}/metrics", endpoint.port());
            return endpoint;
        } catch (java.net.BindException e) {
            throw new IOException("cannot serve metrics on port " + port + ": " + e.getMessage(), e);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void scrape(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        registry.close();
    }
}
