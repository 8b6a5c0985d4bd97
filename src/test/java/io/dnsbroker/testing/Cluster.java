package io.dnsbroker.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The throwaway three-node cluster of {@code ops/cluster/cluster.sh}, driven by the script itself
 * so tests exercise what operators run. Closing it stops every node and deletes its data.
 */
public final class Cluster implements AutoCloseable {
    private static final Path SCRIPT = Path.of("ops/cluster/cluster.sh");
    /** AMQP port of c1; c2 and c3 take the next two. */
    public static final int PORT_BASE = 5681;

    private final Path dir;
    private final Thread stopOnExit;

    private Cluster(Path dir) {
        this.dir = dir;
        this.stopOnExit = new Thread(this::stopQuietly, "cluster-stop");
    }

    /** Starts c1..c3 and joins them; the nodes are stopped at JVM exit at the latest. */
    public static Cluster start(Path dir) throws IOException, InterruptedException {
        Cluster cluster = new Cluster(dir);
        Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
        try {
            // Nodes left by a run whose JVM was killed would hold the ports and the directory.
            cluster.run("stop");
            cluster.run("start");
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The nodes' AMQP URIs, comma-separated. */
    public String uris() throws IOException, InterruptedException {
        return run("uris").strip();
    }

    /** The node (c1, c2, c3) that holds the most client connections, as rabbitmqctl list_connections tells. */
    public String busiest() throws IOException, InterruptedException {
        return run("busiest").strip().split(" ")[0];
    }

    public static String nodeOfPort(int port) {
        return "c" + (port - PORT_BASE + 1);
    }

    public void kill(String node) throws IOException, InterruptedException {
        run("kill", node);
    }

    /** Starts the node again and returns once it runs in the cluster again. */
    public void restart(String node) throws IOException, InterruptedException {
        run("restart", node);
    }

    private String run(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CLUSTER_DIR", dir.toAbsolutePath().toString());
        builder.environment().put("CLUSTER_PORT_BASE", Integer.toString(PORT_BASE));
        builder.environment().put("CLUSTER_MANAGEMENT", "0");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("cluster.sh " + String.join(" ", args) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("cluster.sh " + String.join(" ", args) + " failed: " + text);
        }
        return text;
    }

    private void stopQuietly() {
        try {
            run("stop");
        } catch (IOException | InterruptedException e) {
            System.err.println("cluster: could not stop: " + e);
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting and the hook runs anyway
        }
    }
}
