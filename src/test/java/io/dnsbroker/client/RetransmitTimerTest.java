package io.dnsbroker.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetransmitTimerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void startsAtOneSecondAndDoublesPerRetry() {
        RetransmitTimer timer = new RetransmitTimer();
        assertEquals(1_000 * MS, timer.timeoutNanos(1));
        assertEquals(2_000 * MS, timer.timeoutNanos(2));
        assertEquals(4_000 * MS, timer.timeoutNanos(3));
    }

    @Test
    void fastAnswersBringItDownToTheFloorNotBelow() {
        RetransmitTimer timer = new RetransmitTimer();
        for (int i = 0; i < 100; i++) {
            timer.sample(2 * MS);
        }
        assertEquals(RetransmitTimer.MIN_NANOS, timer.timeoutNanos(1));
        assertEquals(RetransmitTimer.MIN_NANOS, timer.reorderWindowNanos());
    }

    @Test
    void steadySlowAnswersSetItJustAboveTheRoundTrip() {
        RetransmitTimer timer = new RetransmitTimer();
        for (int i = 0; i < 200; i++) {
            timer.sample(800 * MS);
        }
        long timeout = timer.timeoutNanos(1);
        assertTrue(timeout >= 800 * MS && timeout < 900 * MS, "timeout " + timeout / MS + " ms");
        assertEquals(800, timer.reorderWindowNanos() / MS);
    }

    @Test
    void jitteryAnswersWidenIt() {
        RetransmitTimer timer = new RetransmitTimer();
        for (int i = 0; i < 200; i++) {
            timer.sample((i % 2 == 0 ? 100 : 500) * MS);
        }
        assertTrue(timer.timeoutNanos(1) > 900 * MS, "a round trip swinging 100-500 ms waits past the slow ones: "
                + timer.timeoutNanos(1) / MS + " ms");
    }

    @Test
    void neverWaitsPastAMinuteHoweverManyRetries() {
        RetransmitTimer timer = new RetransmitTimer();
        assertEquals(60_000 * MS, timer.timeoutNanos(10));
        assertEquals(60_000 * MS, timer.timeoutNanos(40));
    }
}
