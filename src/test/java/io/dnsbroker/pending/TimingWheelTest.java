package io.dnsbroker.pending;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the timing wheel adds to the pending table's contract (PendingTableTest): ticks, laps, late adds. */
class TimingWheelTest {
    private static final class Entry extends PendingEntry {
        volatile long expiredAt;

        Entry(String id, long expiresAt) {
            super(id, expiresAt);
        }
    }

    /** Collects what the table expired, stamping each entry with the time it ended. */
    private static final class Expired {
        final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
        final CountDownLatch latch;

        Expired(int expected) {
            latch = new CountDownLatch(expected);
        }

        void accept(List<Entry> batch) {
            long now = System.currentTimeMillis();
            for (Entry entry : batch) {
                entry.expiredAt = now;
                entries.add(entry);
                latch.countDown();
            }
        }
    }

    @Test
    void anUnansweredEntryEndsAtItsDeadlineNeverBeforeAndLeavesTheTable() throws Exception {
        Expired expired = new Expired(50);
        try (PendingTable<Entry> table = new PendingTable<>("test", expired::accept)) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < 50; i++) {
                table.add(new Entry("e" + i, now + 20 + i * 3));
            }
            assertTrue(expired.latch.await(10, TimeUnit.SECONDS));
            assertEquals(0, table.size());
            for (Entry entry : expired.entries) {
                assertTrue(entry.expiredAt >= entry.expiresAt(), entry.id() + " ended before its deadline");
            }
        }
    }

    @Test
    void aDeadlineAlreadyPastEndsPromptlyAndAFarOneWaitsItsLap() throws Exception {
        Expired expired = new Expired(1);
        try (PendingTable<Entry> table = new PendingTable<>("test", expired::accept)) {
            long now = System.currentTimeMillis();
            // Further out than the wheel spans: its slot comes round in this lap, and it must survive that sweep.
            Entry far = new Entry("far", now + 4096 * PendingTable.TICK_MS + 20);
            table.add(far);
            table.add(new Entry("past", now - 1_000));
            assertTrue(expired.latch.await(10, TimeUnit.SECONDS));
            Thread.sleep(50);
            assertEquals(1, expired.entries.size());
            assertSame(far, table.get("far"));
        }
    }
}
