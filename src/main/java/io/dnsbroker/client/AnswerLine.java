package io.dnsbroker.client;

import io.dnsbroker.dns.RecordType;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;

import java.util.List;

/** The output line of one query, in the format of RESOLVED.txt. */
public final class AnswerLine {
    private AnswerLine() {
    }

    /**
     * {@code <name> <data> <type> IN} when found, showing the first record of the answer set (the
     * first after any CNAMEs followed, as the table writes it); otherwise {@code <queried name> -
     * <error>}.
     */
    public static String format(String queriedName, Answer answer) {
        return switch (answer.status()) {
            case NOERROR -> found(first(answer.records()));
            case NXDOMAIN -> queriedName + " - Error:HOST NOT FOUND";
            case SERVFAIL -> queriedName + " - Error:" + (answer.records().isEmpty() ? "SERVER UNAVAILABLE" : brokenChain(answer.records()));
            case TIMEOUT -> queriedName + " - TIMED OUT";
            case FORMERR -> queriedName + " - Error:INVALID NAME";
        };
    }

    /** The record after the CNAME chain; the last CNAME when CNAMEs were asked for. */
    private static RecordData first(List<RecordData> records) {
        for (RecordData record : records) {
            if (!isCname(record)) {
                return record;
            }
        }
        return records.get(records.size() - 1);
    }

    /** RS answers SERVFAIL with records only for a CNAME chain it stopped following. */
    static String brokenChain(List<RecordData> chain) {
        String target = chain.get(chain.size() - 1).data();
        boolean loops = chain.stream().anyMatch(link -> link.name().equalsIgnoreCase(target));
        return loops ? "CNAME LOOP" : "CNAME CHAIN TOO LONG";
    }

    private static boolean isCname(RecordData record) {
        return RecordType.CNAME.name().equals(record.type());
    }

    private static String found(RecordData record) {
        return record.name() + " " + record.data() + " " + record.type() + " IN";
    }
}
