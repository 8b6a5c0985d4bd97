package io.dnsbroker.pending;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingTableTest {
    static final class Entry extends PendingEntry {
        final long expiredAt[] = {0};

        Entry(String id, long expiresAt) {
            super(id, expiresAt);
        }
    }

    @Test
    void anEntryExpiresAtItsDeadlineNotBeforeAndTheTableIsEmptyAfter() throws Exception {
        CountDownLatch done = new CountDownLatch(3);
        try (PendingTable<Entry> table = new PendingTable<>("test", expired -> expired.forEach(e -> {
            e.expiredAt[0] = System.currentTimeMillis();
            done.countDown();
        }))) {
            long now = System.currentTimeMillis();
            Entry late = new Entry("late", now + 300);
            Entry early = new Entry("early", now + 100);
            Entry middle = new Entry("middle", now + 200);
            table.add(late);
            table.add(early);
            table.add(middle);
            assertEquals(3, table.size());
            assertTrue(done.await(5, TimeUnit.SECONDS));
            for (Entry entry : List.of(early, middle, late)) {
                assertTrue(entry.expiredAt[0] >= entry.expiresAt(), entry.id() + " expired before its deadline");
            }
            assertEquals(0, table.size(), "no entry outlives its deadline");
            assertNull(table.get("early"));
        }
    }

    @Test
    void anAnsweredEntryIsNotExpiredAgain() throws Exception {
        List<String> expired = new CopyOnWriteArrayList<>();
        try (PendingTable<Entry> table = new PendingTable<>("test", batch -> batch.forEach(e -> expired.add(e.id())))) {
            long now = System.currentTimeMillis();
            Entry answered = new Entry("answered", now + 50);
            Entry silent = new Entry("silent", now + 50);
            table.add(answered);
            table.add(silent);
            assertTrue(table.remove(answered));
            assertFalse(table.remove(answered), "only one caller claims an entry");
            Thread.sleep(300);
            assertEquals(List.of("silent"), expired);
            assertEquals(0, table.size());
        }
    }

    @Test
    void answerAndExpiryRacingEndEachEntryExactlyOnce() throws Exception {
        AtomicInteger expiredCount = new AtomicInteger();
        int entries = 20_000;
        try (PendingTable<Entry> table = new PendingTable<>("test", batch -> expiredCount.addAndGet(batch.size()))) {
            long deadline = System.currentTimeMillis() + 20;
            List<Entry> all = new java.util.ArrayList<>();
            for (int i = 0; i < entries; i++) {
                Entry entry = new Entry("e" + i, deadline);
                all.add(entry);
                table.add(entry);
            }
            int answered = 0;
            for (Entry entry : all) {
                if (table.remove(entry)) {
                    answered++;
                }
            }
            long giveUp = System.currentTimeMillis() + 5_000;
            while (table.size() > 0 && System.currentTimeMillis() < giveUp) {
                Thread.sleep(10);
            }
            Thread.sleep(50);
            assertEquals(entries, answered + expiredCount.get(), "every entry ends once: answered or expired");
            assertEquals(0, table.size());
        }
    }

    @Test
    void aDuplicateIdIsRefused() {
        try (PendingTable<Entry> table = new PendingTable<>("test", batch -> { })) {
            long later = System.currentTimeMillis() + 60_000;
            table.add(new Entry("same", later));
            try {
                table.add(new Entry("same", later));
            } catch (IllegalStateException expected) {
                assertEquals(1, table.size());
                return;
            }
            throw new AssertionError("a duplicate correlation id was accepted");
        }
    }
}
