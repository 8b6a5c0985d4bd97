package io.dnsbroker.ts;

/** What a TS worker reports as it works; counted per query, never per message. */
public interface TsMetrics {
    TsMetrics NONE = new TsMetrics() {
    };

    /** A lookup that found records ({@code hit}) or not. */
    default void lookup(boolean hit) {
    }

    /** A query whose deadline had passed when it was taken: not answered, nobody waits for it. */
    default void expired() {
    }

    default void malformed() {
    }

    /** A changed table file loaded ({@code accepted}) or refused, the old table serving on. */
    default void tableReload(boolean accepted) {
    }
}
