package io.dnsbroker.cli;

import io.dnsbroker.broker.Connections;
import io.dnsbroker.gateway.DnsGateway;
import io.dnsbroker.gateway.GatewaySettings;
import io.dnsbroker.gateway.GatewayStats;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "A DNS server on UDP and TCP (one port) that answers dig, dnsperf and applications through RS.")
final class GatewayCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "${env:LISTEN:-" + GatewaySettings.DEFAULT_LISTEN + "}",
            description = "Address for UDP and TCP; [::1]:53 for IPv6 (env LISTEN; default ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${env:TIMEOUT:-1500ms}", converter = DurationConverter.class,
            description = "Deadline of each query; SERVFAIL then, before dig's or a stub's 5 s retry (env TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--inflight", paramLabel = "N", defaultValue = "${env:INFLIGHT:-" + GatewaySettings.DEFAULT_INFLIGHT + "}",
            description = "Queries awaiting RS at once; past it UDP queries are dropped and TCP ones REFUSED (env INFLIGHT; default ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--udp-size", paramLabel = "BYTES", defaultValue = "${env:UDP_SIZE:-" + GatewaySettings.DEFAULT_UDP_SIZE + "}",
            description = "Largest UDP response, advertised in EDNS; a client's smaller size wins (env UDP_SIZE; default ${DEFAULT-VALUE}).")
    int udpSize;

    @Option(names = "--tcp-connections", paramLabel = "N",
            defaultValue = "${env:TCP_CONNECTIONS:-" + GatewaySettings.DEFAULT_TCP_CONNECTIONS + "}",
            description = "Open TCP connections at most; more are closed at once (env TCP_CONNECTIONS; default ${DEFAULT-VALUE}).")
    int tcpConnections;

    @Option(names = "--tcp-idle", paramLabel = "DURATION", defaultValue = "${env:TCP_IDLE:-10s}", converter = DurationConverter.class,
            description = "A TCP connection with nothing asked or pending closes after this (env TCP_IDLE; default ${DEFAULT-VALUE}).")
    Duration tcpIdle;

    @Override
    public Integer call() throws Exception {
        GatewaySettings settings = new GatewaySettings().listen(GatewaySettings.parseListen(listen)).timeout(timeout)
                .inflight(inflight).udpSize(udpSize).tcpConnections(tcpConnections).tcpIdle(tcpIdle);
        serve(broker.connections(), settings);
        return ExitCode.OK;
    }

    /** Serves DNS until SIGTERM or Ctrl-C, then logs what it answered. */
    static void serve(Connections connections, GatewaySettings settings) throws Exception {
        GatewayStats stats = new GatewayStats();
        Lifecycle.serveUntilStopped("gateway", () -> {
            DnsGateway gateway = DnsGateway.start(connections.open("gateway"), settings, stats);
            return () -> {
                gateway.close();
                LoggerFactory.getLogger(GatewayCommand.class).info("gateway stopped: {}", stats);
            };
        });
    }
}
