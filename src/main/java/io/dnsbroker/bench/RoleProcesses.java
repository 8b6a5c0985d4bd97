package io.dnsbroker.bench;

import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.Topology;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The servers of a bench run as processes of their own, started with this JVM's own java and
 * classpath and the same commands an operator types; ready once every queue has its consumers.
 */
final class RoleProcesses implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 60_000;
    static final String LOG = "roles.log";

    private final List<Process> processes = new ArrayList<>();

    static RoleProcesses start(Connections connections, Workload workload, BenchSettings settings, String amqpUri) throws IOException {
        RoleProcesses roles = new RoleProcesses();
        Topology topology = connections.topology();
        try {
            for (String group : workload.groups()) {
                for (int w = 0; w < settings.tsWorkers(); w++) {
                    roles.launch(workload, amqpUri, topology, "ts", "--group", group, "--table", workload.table(group).toString(),
                            "--consumers", Integer.toString(settings.consumers()));
                }
            }
            for (int r = 0; r < settings.rootServers(); r++) {
                roles.launch(workload, amqpUri, topology, "rs", "--groups", String.join(",", workload.groups()),
                        "--timeout", settings.timeout().toMillis() + "ms");
            }
            try (BrokerConnection probe = connections.open("bench-probe")) {
                for (String group : workload.groups()) {
                    roles.awaitConsumers(probe, topology.groupQueue(group), settings.tsWorkers() * settings.consumers());
                }
                roles.awaitConsumers(probe, topology.rsQueue(), settings.rootServers());
            }
            return roles;
        } catch (IOException | RuntimeException e) {
            roles.close();
            throw e;
        }
    }

    private void launch(Workload workload, String amqpUri, Topology topology, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The collector ops/Dockerfile runs the roles with.
                "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"),
                io.dnsbroker.cli.Main.class.getName()));
        line.addAll(List.of(command));
        line.addAll(List.of("--amqp", amqpUri, "--namespace", topology.namespace()));
        Process process = new ProcessBuilder(line)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(workload.dir().resolve(LOG).toFile()))
                .start();
        processes.add(process);
    }

    private void awaitConsumers(BrokerConnection probe, String queue, int wanted) throws IOException {
        long giveUpAt = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IOException("a role process exited with " + process.exitValue() + " at start; see " + LOG + " in the bench directory");
                }
            }
            int consumers = probe.onChannel(channel -> {
                try {
                    return channel.queueDeclarePassive(queue).getConsumerCount();
                } catch (IOException e) {
                    return 0;
                }
            });
            if (consumers >= wanted) {
                return;
            }
            if (System.currentTimeMillis() > giveUpAt) {
                throw new IOException(queue + " has " + consumers + " of " + wanted + " consumers after "
                        + START_TIMEOUT_MS / 1000 + " s; see " + LOG + " in the bench directory");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + queue, e);
            }
        }
    }

    /** SIGTERM: each role stops gracefully (RS answers what it holds); the RS processes go first. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
