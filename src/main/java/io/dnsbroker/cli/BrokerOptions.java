package io.dnsbroker.cli;

import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.QueueType;
import io.dnsbroker.broker.Topology;
import picocli.CommandLine.Option;

import java.util.List;

/** The options every subcommand shares: which broker, and which namespace in it. */
final class BrokerOptions {
    @Option(names = "--amqp", paramLabel = "URI", split = ",", defaultValue = "${env:AMQP_URI:-" + Connections.DEFAULT_URI + "}",
            description = "AMQP URI of the broker; for a cluster, repeat it or separate URIs with commas, one per node:"
                    + " roles connect to any and move to another when theirs is lost (env AMQP_URI; default ${DEFAULT-VALUE}).")
    List<String> amqp;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:NAMESPACE:-" + Topology.DEFAULT_NAMESPACE + "}",
            description = "Prefix of every queue and exchange name, so deployments share a vhost (env NAMESPACE; default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--queue-type", paramLabel = "TYPE", defaultValue = "${env:QUEUE_TYPE:-classic}",
            description = "classic, or quorum on a cluster: the RS and group queues replicated over the nodes;"
                    + " every role of a namespace must agree (env QUEUE_TYPE; default ${DEFAULT-VALUE}).")
    String queueType;

    Connections connections() {
        return new Connections(amqp, new Topology(namespace, QueueType.parse(queueType)));
    }
}
