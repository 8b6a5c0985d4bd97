package io.dnsbroker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's own ceiling, measured by RabbitMQ PerfTest in a process of its own: one producer,
 * one consumer with manual acks and prefetch 100, transient messages of our message size.
 * PerfTest is not in the product jar; Maven resolves it from {@code ops/perftest/pom.xml}.
 */
final class PerfTestRun {
    static final Path POM = Path.of("ops", "perftest", "pom.xml");
    private static final Pattern RECEIVE_RATE = Pattern.compile("receiving rate avg: (\\d+) msg/s");
    private static final Pattern LATENCY = Pattern.compile("consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) µs");

    /** What PerfTest printed at the end: received messages per second and the consumer latency it saw. */
    record Result(long messagesPerSecond, long medianMicros, long p99Micros) {
    }

    private PerfTestRun() {
    }

    /** The classpath given, or else the one Maven resolves for PerfTest (fetching it on first use), cached in target/. */
    static String classpath(String given, Path cacheDir) throws IOException, InterruptedException {
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path cache = cacheDir.toAbsolutePath().resolve("perftest.classpath");
        if (Files.isRegularFile(cache) && Files.size(cache) > 0) {
            return Files.readString(cache).strip();
        }
        if (!Files.isRegularFile(POM)) {
            throw new IOException("no " + POM + " here: run the bench from the repository root, or give --perftest-classpath");
        }
        Files.createDirectories(cacheDir);
        List<String> mvn = List.of("mvn", "-q", "-B", "-f", POM.toString(), "dependency:build-classpath",
                "-Dmdep.outputFile=" + cache);
        Process process;
        try {
            process = new ProcessBuilder(mvn).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run Maven to fetch PerfTest (" + e.getMessage() + "); install mvn or give --perftest-classpath", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !Files.isRegularFile(cache)) {
            throw new IOException("Maven could not resolve PerfTest: " + String.join(" ", mvn) + "\n" + output);
        }
        return Files.readString(cache).strip();
    }

    static Result run(String classpath, String amqpUri, String queue, int messageBytes, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "com.rabbitmq.perf.PerfTest", "--uri", amqpUri, "--producers", "1", "--consumers", "1",
                "--size", Integer.toString(messageBytes), "--time", Integer.toString(seconds), "--qos", "100",
                "--queue", queue, "--auto-delete", "true"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("PerfTest did not finish");
        }
        Long rate = null;
        long median = -1;
        long p99 = -1;
        for (String line : lines) {
            Matcher m = RECEIVE_RATE.matcher(line);
            if (m.find()) {
                rate = Long.parseLong(m.group(1));
            }
            Matcher l = LATENCY.matcher(line);
            if (l.find() && !line.contains("time")) {
                median = Long.parseLong(l.group(2));
                p99 = Long.parseLong(l.group(5));
            }
        }
        if (rate == null || process.exitValue() != 0) {
            throw new IOException("PerfTest failed (exit " + process.exitValue() + "):\n" + String.join("\n", lines));
        }
        return new Result(rate, median, p99);
    }
}
