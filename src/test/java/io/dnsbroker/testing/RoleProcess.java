package io.dnsbroker.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One role of the resolver as a process of its own ({@code java -jar target/dns-broker.jar ...}),
 * so a test can SIGKILL it as an operator's machine would lose it. Its output goes to a log file;
 * it counts as ready once it logs that it connected.
 */
public final class RoleProcess implements AutoCloseable {
    /** The jar the {@code package} phase builds, before failsafe runs. */
    public static final Path JAR = Path.of("target/dns-broker.jar");
    /** Small and fixed, so a role that does not bound its memory dies of it in a flood instead of growing. */
    private static final List<String> JVM = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    private final String label;
    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Path log;

    private RoleProcess(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.log = log;
        Thread pump = new Thread(this::pump, label + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code dns-broker.jar <args>}, logging to {@code <logDir>/<label>.log}. */
    public static RoleProcess start(String label, Path logDir, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run through 'mvn verify', whose package phase builds it");
        }
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new RoleProcess(label, process, logDir.resolve(label + ".log"));
    }

    private void pump() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                if (line.contains(" connected to ")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process is gone; its log ends here
        }
    }

    /** Waits until the role has connected and declared what it uses. */
    public RoleProcess awaitReady(Duration atMost) throws InterruptedException {
        if (!ready.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(label + " did not connect within " + atMost + "; see " + log);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook, no goodbye to the broker. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait for the graceful stop. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory in MiB, from /proc; -1 when the process is gone or /proc is absent. */
    public long residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public String label() {
        return label;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
