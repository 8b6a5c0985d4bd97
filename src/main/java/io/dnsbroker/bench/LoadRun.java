package io.dnsbroker.bench;

import io.dnsbroker.client.FileResolver;
import io.dnsbroker.client.ResolveSummary;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The load client's part of a run: resolves the workload's names file through the resolver
 * client as an operator's {@code client --in} would, times every answer from its send, and then
 * checks the written file against the expected one, line by line. A warm-up over names of its own
 * goes first, unmeasured: RS and TS are long-running servers, and a cold JVM spends much of a
 * short run compiling.
 */
final class LoadRun {
    /** How the resolving went, as the load client saw it. */
    record Result(long warmedUp, long messagesBefore, ResolveSummary summary, Histogram latencyMicros, long wrongLines, String firstWrong,
                  long heapBeforeBytes, long heapAfterBytes, CpuMeter.Reading cpu) {
    }

    /** The broker's count of messages delivered so far, once it has settled; negative when unknown. */
    interface MessageCount {
        long settled() throws IOException, InterruptedException;
    }

    private LoadRun() {
    }

    /**
     * Warms up, then measures. The broker's message count is read in between: warm-up rounds after
     * the first ask names the cache already holds, so their messages say nothing of a measured name's.
     */
    static Result run(ResolverClient client, Workload workload, int window, double rate, long warmUp, Duration settle,
                      MessageCount messages, PrintStream err) throws IOException, InterruptedException {
        long warmedUp = warmUp(client, workload, window, warmUp, err);
        long messagesBefore = messages.settled();
        Recorder latency = new Recorder(3);
        long heapBefore = heapAfterGc(settle);
        CpuMeter.Reading cpuBefore = CpuMeter.read();
        ResolveSummary summary = resolve(client, workload.names(), window, rate, Long.MAX_VALUE, workload.resolved(), latency, err);
        CpuMeter.Reading cpu = CpuMeter.read().minus(cpuBefore);
        LoggerFactory.getLogger(LoadRun.class).info("bench: measured run done, checking {} against {}", workload.resolved(), workload.expected());
        long heapAfter = heapAfterGc(settle);
        long[] wrong = new long[1];
        String first = compare(workload.expected(), workload.resolved(), wrong);
        return new Result(warmedUp, messagesBefore, summary, latency.getIntervalHistogram(), wrong[0], first, heapBefore, heapAfter, cpu);
    }

    /**
     * Resolves the warm-up names, unmeasured, in rounds until the JIT has settled: a
     * round in which the compiler threads took under {@link BenchSettings#SETTLED_JIT_PERCENT} % of this JVM's CPU.
     * Handlers run once a message, not once a name, so at large batches a round of a million names
     * is only a couple of thousand calls, and the biggest methods (the fan-out, the answer handler)
     * were still being compiled in the measured run, their compilation a fifth of its CPU. Where
     * the threads cannot be told apart (no {@code /proc}), one round. Returns the names resolved.
     */
    private static long warmUp(ResolverClient client, Workload workload, int window, long names, PrintStream err)
            throws IOException, InterruptedException {
        long resolved = 0;
        for (int round = 1; names > 0 && round <= BenchSettings.MAX_WARM_UP_ROUNDS; round++) {
            CpuMeter.Reading before = CpuMeter.read();
            resolved += resolve(client, workload.warmUpNames(), window, 0, names, workload.dir().resolve("warm-up.txt"), new Recorder(3), err).total();
            CpuMeter.Reading used = CpuMeter.read().minus(before);
            Double jit = used.selfByThread().get(CpuMeter.JIT);
            double share = jit == null ? 0 : jit / Math.max(1e-9, used.selfSeconds());
            LoggerFactory.getLogger(LoadRun.class).info("bench: warm-up round {}: {} names, the JIT took {} % of this JVM's CPU",
                    round, names, Math.round(share * 100));
            if (share * 100 < BenchSettings.SETTLED_JIT_PERCENT) {
                break;
            }
        }
        return resolved;
    }

    private static ResolveSummary resolve(ResolverClient client, Path input, int window, double rate, long limit, Path output,
                                          Recorder latency, PrintStream err) throws IOException, InterruptedException {
        try (BufferedReader names = new LineFeed(Files.newBufferedReader(input, StandardCharsets.UTF_8), rate, limit);
             BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            return new FileResolver(client, RecordType.A, window, err, false)
                    .listener((answer, nanos) -> latency.recordValue(Math.max(1, nanos / 1_000)))
                    .resolve(names, out);
        }
    }

    /** Counts the lines that differ; returns the first difference, described, or null when none. */
    private static String compare(Path expectedFile, Path actualFile, long[] wrong) throws IOException {
        String first = null;
        try (BufferedReader expected = Files.newBufferedReader(expectedFile, StandardCharsets.UTF_8);
             BufferedReader actual = Files.newBufferedReader(actualFile, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            while (true) {
                String want = expected.readLine();
                String got = actual.readLine();
                if (want == null && got == null) {
                    return first;
                }
                lineNumber++;
                if (want == null || !want.equals(got)) {
                    wrong[0]++;
                    if (first == null) {
                        first = "line " + lineNumber + ": expected '" + want + "', got '" + got + "'";
                    }
                }
            }
        }
    }

    /**
     * Heap in use after a full GC, once {@code settle} has passed: the pending tables keep every
     * entry, answered or not, until its deadline (rate x timeout of them), so a reading taken
     * right after a run measures the rate, not a leak.
     */
    static long heapAfterGc(Duration settle) throws InterruptedException {
        Thread.sleep(settle.toMillis());
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
