package io.dnsbroker.bench;

import java.time.Duration;

/**
 * CPU time spent by this JVM (with the role processes it started) and by a local RabbitMQ (its
 * beam.smp), read before and after the load. On a shared machine throughput moves with the
 * neighbours, CPU per name much less, so this is the figure that says what a change bought.
 */
final class CpuMeter {
    /** CPU seconds at one instant: this JVM, the role processes it started, the broker (negative when no local one is visible). */
    record Reading(double selfSeconds, double rolesSeconds, double brokerSeconds) {
        Reading minus(Reading before) {
            return new Reading(selfSeconds - before.selfSeconds, rolesSeconds - before.rolesSeconds,
                    before.brokerSeconds < 0 || brokerSeconds < 0 ? -1 : brokerSeconds - before.brokerSeconds);
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
        return new Reading(self, children, broker.length == 0 ? -1 : java.util.Arrays.stream(broker).sum());
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }
}
