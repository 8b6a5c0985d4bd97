package io.dnsbroker.cli;

import io.dnsbroker.client.DigFormat;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.protocol.Answer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Resolves hostnames through RS: NAME... to stdout, or else the --in file into the --out file.")
final class ClientCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Names to resolve; every record of each answer goes to stdout, as dig shows them.")
    List<String> names = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    ClientCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        try (BrokerOptions stoppedLast = broker;
             ResolverClient client = ResolverClient.start(broker.connections().open("client"), options.settings());
             AutoCloseable stopping = Lifecycle.closeOnStop("client", client)) {
            if (names.isEmpty()) {
                FileJob.run(client, options, err);
                return ExitCode.OK;
            }
            RecordType type = options.type();
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (String name : names) {
                answers.add(client.resolve(name, type));
            }
            for (int i = 0; i < names.size(); i++) {
                out.print((i == 0 ? "" : "\n") + DigFormat.format(names.get(i).strip(), type, answers.get(i).join()));
            }
        }
        return ExitCode.OK;
    }
}
