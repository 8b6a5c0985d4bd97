package io.dnsbroker.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Polls a condition until it holds or time runs out; the caller asserts afterwards, with its own message. */
public final class Await {
    private Await() {
    }

    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    public static void until(Condition condition, Duration atMost) throws Exception {
        long giveUp = System.nanoTime() + atMost.toNanos();
        while (!condition.holds() && System.nanoTime() < giveUp) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
