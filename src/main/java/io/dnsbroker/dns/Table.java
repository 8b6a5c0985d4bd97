package io.dnsbroker.dns;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The records of one TS group, looked up by name. Immutable: a reload builds a new table. */
public final class Table {
    private final String source;
    private final Map<String, List<Record>> recordsByKey;
    private final int recordCount;

    Table(String source, Map<String, List<Record>> recordsByKey) {
        this.source = source;
        this.recordsByKey = Map.copyOf(recordsByKey);
        this.recordCount = recordsByKey.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The records of the asked type for a name; failing those, its CNAME, which the resolver
     * follows. Empty when this table holds nothing of that type for the name.
     */
    public List<Record> lookup(Name name, RecordType type) {
        List<Record> records = recordsByKey.get(name.key());
        if (records == null) {
            return List.of();
        }
        List<Record> ofType = records.stream().filter(r -> r.type() == type).toList();
        if (ofType.isEmpty() && type != RecordType.CNAME) {
            return records.stream().filter(r -> r.type() == RecordType.CNAME).toList();
        }
        return ofType;
    }

    /** The canonical (lower-case) form of every name the table holds. */
    public Set<String> keys() {
        return recordsByKey.keySet();
    }

    public String source() {
        return source;
    }

    public int names() {
        return recordsByKey.size();
    }

    public int records() {
        return recordCount;
    }
}
