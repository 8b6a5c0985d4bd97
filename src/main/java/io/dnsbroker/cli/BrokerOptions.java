package io.dnsbroker.cli;

import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.Topology;
import picocli.CommandLine.Option;

/** The options every subcommand shares: which broker, and which namespace in it. */
final class BrokerOptions {
    @Option(names = "--amqp", paramLabel = "URI", defaultValue = "${env:AMQP_URI:-" + Connections.DEFAULT_URI + "}",
            description = "AMQP URI of the broker (env AMQP_URI; default ${DEFAULT-VALUE}).")
    String amqp;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:NAMESPACE:-" + Topology.DEFAULT_NAMESPACE + "}",
            description = "Prefix of every queue and exchange name, so deployments share a vhost (env NAMESPACE; default ${DEFAULT-VALUE}).")
    String namespace;

    Connections connections() {
        return new Connections(amqp, new Topology(namespace));
    }
}
