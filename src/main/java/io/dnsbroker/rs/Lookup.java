package io.dnsbroker.rs;

import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.protocol.RecordData;

import java.util.List;

/**
 * One step of a client query: the name and type to look up now, the CNAME records followed to
 * reach that name (empty at first), and whether any of them came from a stale cache entry.
 */
record Lookup(Name name, RecordType type, List<RecordData> chain, boolean stale) {
    static Lookup of(Name name, RecordType type) {
        return new Lookup(name, type, List.of(), false);
    }

    /** Whether the chain has passed through a name already: following it would loop. */
    boolean visited(Name target) {
        if (name.equals(target)) {
            return true;
        }
        for (RecordData link : chain) {
            if (link.name().equalsIgnoreCase(target.key())) {
                return true;
            }
        }
        return false;
    }
}
