package io.dnsbroker.cli;

import io.dnsbroker.dns.TableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;

/** The executable jar: wires the subcommands, nothing else. */
@Command(name = "dns-broker", mixinStandardHelpOptions = true, version = "dns-broker 0.1.0",
        description = "A DNS resolver whose root and top-level servers talk through RabbitMQ.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; takes its streams so tests run it in-process. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main())
                .addSubcommand(new RsCommand())
                .addSubcommand(new TsCommand())
                .addSubcommand(new ClientCommand(out, err))
                .addSubcommand(new RunCommand(err))
                .addSubcommand(new GatewayCommand())
                .addSubcommand(new BenchCommand(out))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof TableException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println(e.getMessage());
                        return ExitCode.USAGE;
                    }
                    if (e instanceof IOException) {
                        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                        return ExitCode.FAILURE;
                    }
                    throw e;
                });
        return commandLine.execute(args);
    }
}
