package io.dnsbroker.bench;

import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.dns.Status;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Formats a bench run's one summary; the figures come from the run, the layout lives here. */
public final class BenchReport {
    /** Everything one run measured; a figure that could not be measured is null or negative, with a reason. */
    public record Figures(BenchSettings settings, ClientSettings client, LoadRun.Result load, long messagesDelivered,
                   String messagesUnknownWhy, int messageBytes, PerfTestRun.Result perfTest, String perfTestUnknownWhy,
                   Histogram rpcMicros) {
    }

    private BenchReport() {
    }

    public static void print(Figures f, PrintStream out) {
        BenchSettings s = f.settings();
        LoadRun.Result load = f.load();
        long total = load.summary().total();
        double seconds = load.summary().seconds();
        double rate = seconds > 0 ? total / seconds : 0;
        out.printf(Locale.ROOT, "dns-broker bench, %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.printf(Locale.ROOT, "workload   %d queries: %d groups x %d names, misses %.0f %%, repeats %.0f %%, seed %d%n",
                s.queries(), s.groups().size(), s.namesPerGroup(), s.missShare() * 100, s.repeatShare() * 100, s.seed());
        out.printf(Locale.ROOT, "setup      batch %d, inflight %d, timeout %d ms, rate %s, warm-up %d names (%d in all); RS x%d; TS %d worker(s) x %d consumer(s) a group; %s%n",
                f.client().batch(), f.client().inflight(), s.timeout().toMillis(), s.rate() > 0 ? (long) s.rate() + " q/s" : "unlimited", s.warmUp(), load.warmedUp(),
                s.rootServers(), s.tsWorkers(), s.consumers(), s.processes() ? "separate processes" : "in-process");
        out.printf(Locale.ROOT, "jvm        %s %s, %s%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + ")));
        out.printf(Locale.ROOT, "resolved   %d names in %.2f s: %.0f names/s%n", total, seconds, rate);
        StringBuilder statuses = new StringBuilder();
        for (Status status : Status.values()) {
            statuses.append(statuses.length() == 0 ? "" : ", ").append(status).append(' ').append(load.summary().get(status));
        }
        out.printf(Locale.ROOT, "answers    %s; sum %d of %d sent%n", statuses, total, s.queries());
        out.printf(Locale.ROOT, "timeouts   %d%n", load.summary().get(Status.TIMEOUT));
        out.printf(Locale.ROOT, "check      %s%n", load.wrongLines() == 0
                ? "every line matches the expected file"
                : load.wrongLines() + " lines differ from the expected file; first " + load.firstWrong());
        Histogram h = load.latencyMicros();
        out.printf(Locale.ROOT, "latency    p50 %s  p90 %s  p99 %s  p99.9 %s  max %s (send to answer, per name)%n",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
        out.printf(Locale.ROOT, "heap       %.1f MB after GC before the load, %.1f MB after it (each once every deadline had passed)%n",
                load.heapBeforeBytes() / 1e6, load.heapAfterBytes() / 1e6);
        CpuMeter.Reading cpu = load.cpu();
        double perName = 1e6 / Math.max(1, total);
        out.printf(Locale.ROOT, "cpu        %s, broker %s%n", s.processes()
                        ? String.format(Locale.ROOT, "client %.1f µs/name, RS and TS processes %.1f µs/name",
                        cpu.selfSeconds() * perName, cpu.rolesSeconds() * perName)
                        : String.format(Locale.ROOT, "client, RS and TS in this JVM %.1f µs/name", cpu.selfSeconds() * perName),
                cpu.brokerSeconds() < 0 ? "unknown (no local beam.smp)"
                        : String.format(Locale.ROOT, "%.1f µs/name (local beam.smp, whoever else uses it included)", cpu.brokerSeconds() * perName));
        if (!cpu.selfByThread().isEmpty()) {
            StringBuilder split = new StringBuilder();
            cpu.selfByThread().entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> split.append(split.length() == 0 ? "" : ", ")
                            .append(String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() * perName)));
            out.printf(Locale.ROOT, "cpu split  this JVM by thread, µs/name: %s%n", split);
        }
        double perQuery = f.messagesDelivered() >= 0 && total > 0 ? (double) f.messagesDelivered() / total : -1;
        out.printf(Locale.ROOT, "broker     %s%n", perQuery >= 0
                ? f.messagesDelivered() + " messages delivered for the " + total + " measured names: "
                        + String.format(Locale.ROOT, "%.3f", perQuery) + " per name"
                : "messages per name unknown: " + f.messagesUnknownWhy());
        if (!s.ceiling()) {
            return;
        }
        out.printf(Locale.ROOT, "ceiling    %s; bare RPC (%d bytes, one at a time) p50 %s  p99 %s%n",
                f.perfTest() != null
                        ? "PerfTest " + f.perfTest().messagesPerSecond() + " msg/s (" + f.messageBytes() + "-byte messages, 1 producer, 1 consumer, qos 100)"
                        : "PerfTest not run: " + f.perfTestUnknownWhy(),
                f.messageBytes(), ms(f.rpcMicros().getValueAtPercentile(50)), ms(f.rpcMicros().getValueAtPercentile(99)));
        String carried = f.perfTest() != null && perQuery >= 0
                ? String.format(Locale.ROOT, "%.2f", rate * perQuery / f.perfTest().messagesPerSecond()) : "n/a";
        String names = f.perfTest() != null ? String.format(Locale.ROOT, "%.2f", rate / f.perfTest().messagesPerSecond()) : "n/a";
        out.printf(Locale.ROOT, "ratios     names/s x messages per name / PerfTest msg/s = %s; names/s / PerfTest msg/s = %s; "
                        + "p50 / bare RPC p50 = %.1f; p99 / bare RPC p99 = %.1f%n",
                carried, names,
                (double) h.getValueAtPercentile(50) / Math.max(1, f.rpcMicros().getValueAtPercentile(50)),
                (double) h.getValueAtPercentile(99) / Math.max(1, f.rpcMicros().getValueAtPercentile(99)));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
