package io.dnsbroker.client;

import java.util.concurrent.atomic.LongAdder;

/** What befell a client's queries on the way, beyond their answers: counted per query. */
public final class ClientCounters {
    final LongAdder retried = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder unpublished = new LongAdder();
    final LongAdder unroutable = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder givenUp = new LongAdder();

    /** Sent again because no answer came within the retransmission timeout. */
    public long retried() {
        return retried.sum();
    }

    /** In a publish the broker refused (nack): the RS queue was full. Sent again after a backoff. */
    public long refused() {
        return refused.sum();
    }

    /** Not published, or unconfirmed, when the connection dropped. Sent again after recovery. */
    public long unpublished() {
        return unpublished.sum();
    }

    /** In a publish the broker could route nowhere (returned): no RS queue. */
    public long unroutable() {
        return unroutable.sum();
    }

    /** Answers matching no waiting query: a retry's second answer, or one after the client gave up. */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Written TIMED OUT by the client itself because no verdict came from RS by the deadline and grace. */
    public long givenUp() {
        return givenUp.sum();
    }

    @Override
    public String toString() {
        return String.format("%d retried, %d refused by a full RS queue, %d unpublished while disconnected, %d unroutable, "
                + "%d duplicate answers dropped, %d given up by the client", retried(), refused(), unpublished(), unroutable(),
                duplicates(), givenUp());
    }
}
