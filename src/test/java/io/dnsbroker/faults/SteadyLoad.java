package io.dnsbroker.faults;

import io.dnsbroker.client.AnswerLine;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of queries for known names through one client at a fixed rate, each answer
 * checked against the one right line for its name. Sending falls behind, rather than bunching
 * up, when the client's in-flight window is full.
 */
final class SteadyLoad {
    private final ResolverClient client;
    private final KnownNames names;
    private final long intervalNanos;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Thread sender;
    private volatile boolean stopping;
    private volatile Exception failure;

    private static final class Sent {
        final String name;
        final long startNanos = System.nanoTime();
        final AtomicInteger deliveries = new AtomicInteger();
        volatile String line;
        volatile long waitNanos;

        Sent(String name) {
            this.name = name;
        }
    }

    record Tally(long sent, long answered, long correct, long admittedFailures, long lost, long wrong, long duplicated,
                 Duration longestWait, List<String> wrongLines) {
    }

    SteadyLoad(ResolverClient client, KnownNames names, int perSecond) {
        this.client = client;
        this.names = names;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.sender = new Thread(this::send, "steady-load");
    }

    SteadyLoad start() {
        sender.start();
        return this;
    }

    private void send() {
        long next = System.nanoTime();
        try {
            for (long i = 0; !stopping; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += intervalNanos;
                Sent query = new Sent(names.name(i));
                sent.add(query);
                client.resolve(query.name, RecordType.A).whenComplete((answer, error) -> {
                    query.waitNanos = System.nanoTime() - query.startNanos;
                    query.line = error != null ? "failed: " + error : AnswerLine.format(query.name, answer);
                    query.deliveries.incrementAndGet();
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Stops sending, waits up to {@code atMost} for every query's answer, and counts. */
    Tally stopAndCount(Duration atMost) throws Exception {
        stopping = true;
        sender.join();
        if (failure != null) {
            throw failure;
        }
        long giveUp = System.nanoTime() + atMost.toNanos();
        while (sent.stream().anyMatch(q -> q.deliveries.get() == 0) && System.nanoTime() < giveUp) {
            Thread.sleep(50);
        }
        // A second delivery would come just after the first; give it the chance to show.
        Thread.sleep(200);
        long answered = 0;
        long correct = 0;
        long admitted = 0;
        long wrong = 0;
        long duplicated = 0;
        long longest = 0;
        List<String> wrongLines = new CopyOnWriteArrayList<>();
        for (Sent query : sent) {
            int deliveries = query.deliveries.get();
            if (deliveries == 0) {
                continue;
            }
            answered++;
            duplicated += deliveries - 1;
            longest = Math.max(longest, query.waitNanos);
            if (query.line.equals(names.expectedLine(query.name))) {
                correct++;
            } else if (KnownNames.isHonestFailure(query.name, query.line)) {
                admitted++;
            } else {
                wrong++;
                wrongLines.add(query.line + " (expected " + names.expectedLine(query.name) + ")");
            }
        }
        return new Tally(sent.size(), answered, correct, admitted, sent.size() - answered, wrong, duplicated,
                Duration.ofNanos(longest), wrongLines);
    }
}
