package io.dnsbroker.protocol;

import io.dnsbroker.dns.Status;

import java.util.List;

/** The answer to one query, carrying the query's id. Records are present only for NOERROR; none are sent when empty. */
public record Answer(String id, Status status, List<RecordData> records) {
    public Answer {
        records = records == null ? List.of() : records;
    }

    public static Answer of(String id, Status status) {
        return new Answer(id, status, List.of());
    }

    public Answer withId(String newId) {
        return new Answer(newId, status, records);
    }
}
