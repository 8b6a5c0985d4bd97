package io.dnsbroker.client;

import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;

/** The output line of one query, in the format of RESOLVED.txt. */
public final class AnswerLine {
    private AnswerLine() {
    }

    /**
     * {@code <name> <data> <type> IN} when found, showing the name as the table writes it and the
     * first record of the set; otherwise {@code <queried name> - <error>}.
     */
    public static String format(String queriedName, Answer answer) {
        return switch (answer.status()) {
            case NOERROR -> found(answer.records().get(0));
            case NXDOMAIN -> queriedName + " - Error:HOST NOT FOUND";
            case SERVFAIL -> queriedName + " - Error:SERVER UNAVAILABLE";
            case TIMEOUT -> queriedName + " - TIMED OUT";
            case FORMERR -> queriedName + " - Error:INVALID NAME";
        };
    }

    private static String found(RecordData record) {
        return record.name() + " " + record.data() + " " + record.type() + " IN";
    }
}
