package io.dnsbroker;

import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.TableParser;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.rs.RsMetrics;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.ts.TableWatcher;
import io.dnsbroker.ts.TopLevelServer;
import io.dnsbroker.ts.TsMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A TS table edited while queries flow: every query answered, the new table serving soon after. */
class ReloadIT {
    private static final Duration CHECK = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private void replace(Path file, String... lines) throws Exception {
        Path next = dir.resolve("next.txt");
        Files.write(next, List.of(lines));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aTableEditedWhileQueriesFlowFailsNoQuery() throws Exception {
        Path file = dir.resolve("ts1.txt");
        Files.write(file, List.of("www.example.com 10.0.0.1"));
        AtomicInteger refused = new AtomicInteger();
        TableWatcher watcher = new TableWatcher(file, new TableParser(), new TsMetrics() {
            @Override
            public void tableReload(boolean accepted) {
                refused.addAndGet(accepted ? 0 : 1);
            }
        });
        Map<Status, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean flowing = new AtomicBoolean(true);
        try (Deployment d = new Deployment("ts1"); watcher) {
            TopLevelServer ts1 = d.ts("ts1", watcher.load());
            watcher.watch(CHECK, ts1::replaceTable);
            // No cache, so every query reaches the table being swapped.
            d.rs(new RsSettings().cache(false), RsMetrics.NONE);
            // A generous deadline: a query failing here must be the reload's fault, not a busy machine's.
            ResolverClient client = d.client(new ClientSettings().timeout(Duration.ofSeconds(10)));
            Thread load = new Thread(() -> {
                try {
                    while (flowing.get()) {
                        List<CompletableFuture<Answer>> wave = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            wave.add(client.resolve("www.example.com", RecordType.A));
                        }
                        for (CompletableFuture<Answer> answer : wave) {
                            Answer a = answer.get();
                            statuses.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
                            if (a.status() == Status.NOERROR) {
                                seen.add(a.records().get(0).data());
                            }
                        }
                    }
                } catch (Exception e) {
                    statuses.computeIfAbsent(Status.FORMERR, s -> new AtomicInteger()).incrementAndGet();
                }
            }, "reload-load");
            load.start();
            try {
                waitUntilSeen(seen, "10.0.0.1");
                replace(file, "www.example.com 10.0.0.2", "new.example.com 10.0.0.9");
                waitUntilSeen(seen, "10.0.0.2");
                replace(file, "www.example.com 10.0.0.3", "bad line here");
                Thread.sleep(5 * CHECK.toMillis());
                assertEquals(1, refused.get(), "the bad file was refused");
                assertTrue(!seen.contains("10.0.0.3"), "nothing of the bad file serves");
                replace(file, "www.example.com 10.0.0.4");
                waitUntilSeen(seen, "10.0.0.4");
            } finally {
                flowing.set(false);
                load.join(10_000);
            }
            assertEquals(Set.of(Status.NOERROR), statuses.keySet(), "answers by status: " + statuses);
            assertTrue(statuses.get(Status.NOERROR).get() >= 200, "queries flowed: " + statuses);
            assertEquals(Set.of("10.0.0.1", "10.0.0.2", "10.0.0.4"), seen);
        }
    }

    private static void waitUntilSeen(Set<String> seen, String address) throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!seen.contains(address) && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        assertTrue(seen.contains(address), address + " never served; saw " + seen);
    }
}
