package io.dnsbroker.client;

import io.dnsbroker.dns.Status;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswerLineTest {
    @Test
    void aFoundNameShowsTheTableSpellingAndTheFirstRecord() {
        Answer answer = new Answer("1", Status.NOERROR, List.of(
                new RecordData("GOOGLE.com", "A", "46.1.3.7", 300),
                new RecordData("GOOGLE.com", "A", "46.1.3.8", 300)));
        assertEquals("GOOGLE.com 46.1.3.7 A IN", AnswerLine.format("google.com", answer));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NXDOMAIN | www.nosuchsite.org - Error:HOST NOT FOUND",
            "SERVFAIL | www.nosuchsite.org - Error:SERVER UNAVAILABLE",
            "TIMEOUT  | www.nosuchsite.org - TIMED OUT",
            "FORMERR  | www.nosuchsite.org - Error:INVALID NAME",
    })
    void anErrorShowsTheNameAsQueried(Status status, String line) {
        assertEquals(line, AnswerLine.format("www.nosuchsite.org", Answer.of("1", status)));
    }
}
