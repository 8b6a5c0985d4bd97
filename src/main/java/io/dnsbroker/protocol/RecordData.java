package io.dnsbroker.protocol;

import io.dnsbroker.dns.Record;

/** A record as it travels in an answer. */
public record RecordData(String name, String type, String data, int ttl) {
    public static RecordData of(Record record) {
        return new RecordData(record.name().text(), record.type().name(), record.data(), record.ttl());
    }
}
