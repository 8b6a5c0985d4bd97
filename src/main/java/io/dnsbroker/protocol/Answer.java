package io.dnsbroker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dnsbroker.dns.Status;

import java.util.List;

/**
 * The answer to one query, carrying the query's id. Records are present for NOERROR, and for an
 * answer reached through CNAMEs they hold the chain followed, then the final set. {@code stale}
 * marks an answer RS served from an expired cache entry because no group could answer (RFC 8767);
 * it is left out of the JSON when false.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Answer(String id, Status status, List<RecordData> records,
                     @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean stale) {
    public Answer {
        records = records == null ? List.of() : records;
    }

    public Answer(String id, Status status, List<RecordData> records) {
        this(id, status, records, false);
    }

    public static Answer of(String id, Status status) {
        return new Answer(id, status, List.of(), false);
    }

    public Answer withId(String newId) {
        return new Answer(newId, status, records, stale);
    }
}
