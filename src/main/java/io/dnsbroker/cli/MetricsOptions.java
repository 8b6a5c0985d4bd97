package io.dnsbroker.cli;

import io.dnsbroker.metrics.MetricsEndpoint;
import io.dnsbroker.metrics.RsMeters;
import io.dnsbroker.metrics.TsMeters;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsMetrics;
import io.dnsbroker.ts.TsMetrics;
import picocli.CommandLine.Option;

import java.io.IOException;

/** The metrics option of the long-running roles, and the endpoint it starts. */
final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:METRICS_PORT:-0}",
            description = "Serve Prometheus metrics at http://0.0.0.0:PORT/metrics; 0 serves none (env METRICS_PORT; default ${DEFAULT-VALUE}).")
    int port;

    private MetricsEndpoint endpoint;

    /** Starts the endpoint when a port was given; call before the roles start so they record from the first query. */
    void start() throws IOException {
        if (port != 0) {
            endpoint = MetricsEndpoint.start(port);
        }
    }

    RsMetrics rs() {
        return endpoint == null ? RsMetrics.NONE : new RsMeters(endpoint.registry());
    }

    TsMetrics ts(String group) {
        return endpoint == null ? TsMetrics.NONE : new TsMeters(endpoint.registry(), group);
    }

    void watchPending(RootServer server) {
        if (endpoint != null) {
            RsMeters.watchPending(endpoint.registry(), server::pendingCount);
        }
    }

    /** The role, then the endpoint: a scrape during the stop still sees the last counts. */
    AutoCloseable closing(AutoCloseable role) {
        return () -> {
            try {
                role.close();
            } finally {
                stop();
            }
        };
    }

    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
