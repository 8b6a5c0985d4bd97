package io.dnsbroker.dns;

import java.util.Objects;

/**
 * One resource record. Records are equal regardless of TTL, as in an RRset (RFC 2181 5.2), so a
 * table line repeated with another TTL is one record, not two.
 */
public final class Record {
    public static final int DEFAULT_TTL = 300;

    private final Name name;
    private final RecordType type;
    private final String data;
    private final int ttl;

    private Record(Name name, RecordType type, String data, int ttl) {
        this.name = name;
        this.type = type;
        this.data = data;
        this.ttl = ttl;
    }

    public static Record of(Name name, RecordType type, String data, int ttl) throws RecordType.InvalidRecordException {
        if (ttl < 0) {
            throw new RecordType.InvalidRecordException("negative TTL " + ttl);
        }
        return new Record(name, type, type.canonicalData(data), ttl);
    }

    public Name name() {
        return name;
    }

    public RecordType type() {
        return type;
    }

    public String data() {
        return data;
    }

    public int ttl() {
        return ttl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && name.equals(r.name) && type == r.type && data.equalsIgnoreCase(r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, data.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return name + " " + ttl + " IN " + type + " " + data;
    }
}
