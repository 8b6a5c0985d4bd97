package io.dnsbroker.client;

import io.dnsbroker.dns.RecordType;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;

/**
 * An answer the way {@code dig} shows one: the question and status as comments, then every record
 * of the answer, fully qualified, one a line ({@code name TTL IN TYPE data}, tab-separated).
 */
public final class DigFormat {
    private DigFormat() {
    }

    public static String format(String queriedName, RecordType type, Answer answer) {
        StringBuilder text = new StringBuilder();
        text.append(";; QUESTION: ").append(absolute(queriedName)).append(" IN ").append(type).append('\n');
        text.append(";; STATUS: ").append(answer.status());
        switch (answer.status()) {
            case NOERROR -> text.append(", ").append(answer.records().size()).append(answer.records().size() == 1 ? " record" : " records");
            case NXDOMAIN -> text.append(" (HOST NOT FOUND)");
            case SERVFAIL -> text.append(answer.records().isEmpty() ? " (SERVER UNAVAILABLE)" : " (" + AnswerLine.brokenChain(answer.records()) + ")");
            case TIMEOUT -> text.append(" (TIMED OUT)");
            case FORMERR -> text.append(" (INVALID NAME)");
        }
        if (answer.stale()) {
            text.append(", STALE: served past its TTL, no group could answer");
        }
        text.append('\n');
        for (RecordData record : answer.records()) {
            text.append(absolute(record.name())).append('\t').append(record.ttl()).append("\tIN\t")
                    .append(record.type()).append('\t').append(data(record)).append('\n');
        }
        return text.toString();
    }

    /** Target names fully qualified, as dig writes them; addresses as they are. */
    private static String data(RecordData record) {
        RecordType type = RecordType.byName(record.type());
        if (type == RecordType.CNAME || type == RecordType.NS) {
            return absolute(record.data());
        }
        if (type == RecordType.MX) {
            int space = record.data().indexOf(' ');
            return space < 0 ? record.data() : record.data().substring(0, space + 1) + absolute(record.data().substring(space + 1));
        }
        return record.data();
    }

    private static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }
}
