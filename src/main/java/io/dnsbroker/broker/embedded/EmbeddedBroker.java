package io.dnsbroker.broker.embedded;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An Apache Qpid Broker-J in this JVM, for a machine without RabbitMQ: in memory, on 127.0.0.1 and
 * a free port, writing nothing to disk. Its configuration ({@code qpid-config.json} beside this
 * class) holds what the RabbitMQ client needs there: PLAIN allowed without TLS
 * ({@code secureOnlyMechanisms: []}), a default virtual-host alias so vhost {@code /} resolves,
 * unknown {@code x-} queue arguments ignored rather than fatal to the connection, thread pools
 * cut from about 80 threads to about 13, since one process on a 2-core box needs no more, and no
 * direct-memory compaction check: its pending one-shot task held every stop for a second, and a
 * broker for trying things out never nears the memory it guards.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String CONFIG = "qpid-config.json";

    private final SystemLauncher launcher;
    private final int port;
    private final long startMillis;

    private EmbeddedBroker(SystemLauncher launcher, int port, long startMillis) {
        this.launcher = launcher;
        this.port = port;
        this.startMillis = startMillis;
    }

    /** Starts a broker and returns once its AMQP port listens. */
    public static EmbeddedBroker start() throws IOException {
        long start = System.nanoTime();
        URL config = EmbeddedBroker.class.getResource(CONFIG);
        if (config == null) {
            throw new IOException("the embedded broker's configuration " + CONFIG + " is missing from the jar");
        }
        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> resolved) {
                system.set(resolved);
            }
        });
        try {
            launcher.startup(Map.of(
                    "type", "Memory",
                    "initialConfigurationLocation", config.toExternalForm(),
                    "startupLoggedToSystemOut", false,
                    // the default keeps user preferences in a JSON file under ./work
                    "preferenceStoreAttributes", "{\"type\": \"Noop\"}"));
        } catch (Exception e) {
            launcher.shutdown();
            throw new IOException("the embedded broker did not start: " + e.getMessage(), e);
        }
        int port = amqpPort(system.get());
        if (port <= 0) {
            launcher.shutdown();
            throw new IOException("the embedded broker started but its AMQP port is not bound");
        }
        return new EmbeddedBroker(launcher, port, (System.nanoTime() - start) / 1_000_000);
    }

    private static int amqpPort(SystemConfig<?> system) {
        if (system == null) {
            return -1;
        }
        Broker<?> broker = system.getContainer(Broker.class);
        for (Port<?> port : broker.getPorts()) {
            if ("AMQP".equals(port.getName())) {
                return port.getBoundPort();
            }
        }
        return -1;
    }

    public int port() {
        return port;
    }

    /** The URI a RabbitMQ client connects with; the guest account exists only in this broker's memory. */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    /** How long {@link #start()} took, for the log line that announces the broker. */
    public long startMillis() {
        return startMillis;
    }

    @Override
    public void close() {
        try {
            launcher.shutdown();
        } catch (RuntimeException e) {
            LOG.warn("the embedded broker did not stop cleanly: {}", e.toString());
        }
    }
}
