package io.dnsbroker.cli;

import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.QueueType;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.broker.embedded.BrokerChoice;
import io.dnsbroker.broker.embedded.BrokerMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.List;

/** The options every subcommand shares: which broker, and which namespace in it. */
final class BrokerOptions implements AutoCloseable {
    @Option(names = "--amqp", paramLabel = "URI", split = ",", defaultValue = "${env:AMQP_URI:-" + Connections.DEFAULT_URI + "}",
            description = "AMQP URI of the broker; for a cluster, repeat it or separate URIs with commas, one per node:"
                    + " roles connect to any and move to another when theirs is lost (env AMQP_URI; default ${DEFAULT-VALUE}).")
    List<String> amqp;

    @Option(names = "--broker", paramLabel = "auto|rabbitmq|embedded", defaultValue = "${env:BROKER:-auto}",
            description = "rabbitmq: the broker at --amqp; embedded: an in-process Qpid Broker-J, no RabbitMQ needed; "
                    + "auto: the broker at --amqp when one answers there, else, when neither --amqp nor AMQP_URI was given, "
                    + "an embedded one (env BROKER; default ${DEFAULT-VALUE}).")
    BrokerMode mode;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:NAMESPACE:-" + Topology.DEFAULT_NAMESPACE + "}",
            description = "Prefix of every queue and exchange name, so deployments share a vhost (env NAMESPACE; default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--queue-type", paramLabel = "TYPE", defaultValue = "${env:QUEUE_TYPE:-classic}",
            description = "classic, or quorum on a cluster: the RS and group queues replicated over the nodes;"
                    + " every role of a namespace must agree (env QUEUE_TYPE; default ${DEFAULT-VALUE}).")
    String queueType;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private BrokerChoice choice;

    /** Chooses the broker, starting the embedded one when --broker says so; {@link #close()} stops it. */
    Connections connections() throws IOException {
        boolean amqpGiven = command.commandLine().getParseResult().hasMatchedOption("--amqp");
        if (mode == BrokerMode.EMBEDDED && amqpGiven) {
            throw new IllegalArgumentException("--broker embedded starts a broker of its own; drop --amqp or choose --broker rabbitmq");
        }
        Topology topology = new Topology(namespace, QueueType.parse(queueType));
        String env = System.getenv("AMQP_URI");
        choice = BrokerChoice.choose(mode, String.join(",", amqp), amqpGiven || env != null && !env.isBlank());
        return new Connections(choice.uri(), topology);
    }

    /** Stops the embedded broker if this command started one; call it after the roles have stopped. */
    @Override
    public void close() {
        if (choice != null) {
            choice.close();
        }
    }
}
