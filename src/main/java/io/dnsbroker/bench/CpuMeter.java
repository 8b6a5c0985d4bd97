package io.dnsbroker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (with the role processes it started) and by a local RabbitMQ (its
 * beam.smp), read before and after the load. On a shared machine throughput moves with the
 * neighbours, CPU per name much less, so this is the figure that says what a change bought.
 *
 * <p>Where Linux shows a process's threads ({@code /proc/self/task}), this JVM's share is also
 * split by thread: roles name their threads after themselves ({@code rs-…}, {@code ts1-…},
 * {@code client-…}), and the JVM's own compiler and collector threads are told apart from them.
 */
final class CpuMeter {
    /** The kind of the JVM's compiler threads in {@link Reading#selfByThread()}. */
    static final String JIT = "jit";
    private static final Path THREADS = Path.of("/proc/self/task");
    /** Clock ticks a second of {@code /proc}'s times: 100 on every Linux the JVM runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** CPU seconds at one instant: this JVM, the role processes it started, the broker (negative when no local one is visible). */
    record Reading(double selfSeconds, double rolesSeconds, double brokerSeconds, Map<String, Double> selfByThread) {
        Reading minus(Reading before) {
            Map<String, Double> byThread = new TreeMap<>();
            selfByThread.forEach((kind, seconds) -> byThread.put(kind, seconds - before.selfByThread.getOrDefault(kind, 0.0)));
            return new Reading(selfSeconds - before.selfSeconds, rolesSeconds - before.rolesSeconds,
                    before.brokerSeconds < 0 || brokerSeconds < 0 ? -1 : brokerSeconds - before.brokerSeconds, byThread);
        }
    }

    private CpuMeter() {
    }

    static Reading read() {
        double self = cpuSeconds(ProcessHandle.current());
        double children = ProcessHandle.current().descendants().mapToDouble(CpuMeter::cpuSeconds).sum();
        double[] broker = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp")).orElse(false))
                .mapToDouble(CpuMeter::cpuSeconds).toArray();
        return new Reading(self, children, broker.length == 0 ? -1 : java.util.Arrays.stream(broker).sum(), byThread());
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }

    /** This JVM's CPU seconds by kind of thread; empty where {@code /proc} is not there to read. */
    private static Map<String, Double> byThread() {
        Map<String, Double> seconds = new TreeMap<>();
        try (Stream<Path> threads = Files.list(THREADS)) {
            threads.forEach(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    // The name sits in parentheses and may hold spaces; utime and stime are fields 14 and 15.
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] fields = stat.substring(close + 2).split(" ");
                    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    seconds.merge(kind(name), cpu, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return seconds;
    }

    /** Kernel thread names are cut at 15 characters, so roles are told by prefix. */
    static String kind(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("VM Thread")) {
            return "gc";
        }
        if (threadName.startsWith("AMQP Connection")) {
            return "amqp-io";
        }
        if (threadName.startsWith("bench-client") || threadName.startsWith("client")) {
            return "client";
        }
        int dash = threadName.indexOf('-');
        return dash > 0 ? threadName.substring(0, dash) : "other";
    }
}
