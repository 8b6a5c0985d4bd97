package io.dnsbroker.ts;

/** What a TS worker needs to know, set fluently. */
public final class TsSettings {
    public static final int DEFAULT_CONSUMERS = 1;
    public static final int DEFAULT_PREFETCH = 200;

    private String group = "ts1";
    private int consumers = DEFAULT_CONSUMERS;
    private int prefetch = DEFAULT_PREFETCH;

    public String group() {
        return group;
    }

    public TsSettings group(String group) {
        if (group == null || !group.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("bad group name '" + group + "': letters, digits, '_', '-' only");
        }
        this.group = group;
        return this;
    }

    public int consumers() {
        return consumers;
    }

    public TsSettings consumers(int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("a TS worker needs at least one consumer, got " + consumers);
        }
        this.consumers = consumers;
        return this;
    }

    public int prefetch() {
        return prefetch;
    }

    public TsSettings prefetch(int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
        }
        this.prefetch = prefetch;
        return this;
    }
}
