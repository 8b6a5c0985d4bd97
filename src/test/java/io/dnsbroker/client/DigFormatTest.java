package io.dnsbroker.client;

import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Both client outputs from the same answers: RESOLVED.txt's one line and the dig-like listing. */
class DigFormatTest {
    private static final RecordData CNAME = new RecordData("www.x.com", "CNAME", "web.y.net", 300);
    private static final RecordData A1 = new RecordData("web.y.net", "A", "1.1.1.1", 60);
    private static final RecordData A2 = new RecordData("web.y.net", "A", "2.2.2.2", 60);
    private static final RecordData MX = new RecordData("x.com", "MX", "10 mail.x.com", 300);
    private static final RecordData LOOP = new RecordData("b.loop", "CNAME", "a.loop", 300);
    private static final RecordData TO_B = new RecordData("a.loop", "CNAME", "b.loop", 300);

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("www.x.com", RecordType.A, new Answer("q", Status.NOERROR, List.of(CNAME, A1, A2)),
                        "web.y.net 1.1.1.1 A IN",
                        ";; QUESTION: www.x.com. IN A\n;; STATUS: NOERROR, 3 records\n"
                                + "www.x.com.\t300\tIN\tCNAME\tweb.y.net.\nweb.y.net.\t60\tIN\tA\t1.1.1.1\nweb.y.net.\t60\tIN\tA\t2.2.2.2\n"),
                Arguments.of("x.com", RecordType.MX, new Answer("q", Status.NOERROR, List.of(MX), true),
                        "x.com 10 mail.x.com MX IN",
                        ";; QUESTION: x.com. IN MX\n;; STATUS: NOERROR, 1 record, STALE: served past its TTL, no group could answer\n"
                                + "x.com.\t300\tIN\tMX\t10 mail.x.com.\n"),
                Arguments.of("www.x.com", RecordType.CNAME, new Answer("q", Status.NOERROR, List.of(CNAME)),
                        "www.x.com web.y.net CNAME IN",
                        ";; QUESTION: www.x.com. IN CNAME\n;; STATUS: NOERROR, 1 record\nwww.x.com.\t300\tIN\tCNAME\tweb.y.net.\n"),
                Arguments.of("a.loop", RecordType.A, new Answer("q", Status.SERVFAIL, List.of(TO_B, LOOP)),
                        "a.loop - Error:CNAME LOOP",
                        ";; QUESTION: a.loop. IN A\n;; STATUS: SERVFAIL (CNAME LOOP)\n"
                                + "a.loop.\t300\tIN\tCNAME\tb.loop.\nb.loop.\t300\tIN\tCNAME\ta.loop.\n"),
                Arguments.of("n0.x", RecordType.A, new Answer("q", Status.SERVFAIL, List.of(new RecordData("n0.x", "CNAME", "n1.x", 1))),
                        "n0.x - Error:CNAME CHAIN TOO LONG",
                        ";; QUESTION: n0.x. IN A\n;; STATUS: SERVFAIL (CNAME CHAIN TOO LONG)\nn0.x.\t1\tIN\tCNAME\tn1.x.\n"),
                Arguments.of("gone.x", RecordType.A, Answer.of("q", Status.SERVFAIL),
                        "gone.x - Error:SERVER UNAVAILABLE", ";; QUESTION: gone.x. IN A\n;; STATUS: SERVFAIL (SERVER UNAVAILABLE)\n"),
                Arguments.of("no.x", RecordType.AAAA, Answer.of("q", Status.NXDOMAIN),
                        "no.x - Error:HOST NOT FOUND", ";; QUESTION: no.x. IN AAAA\n;; STATUS: NXDOMAIN (HOST NOT FOUND)\n"),
                Arguments.of("slow.x", RecordType.A, Answer.of("q", Status.TIMEOUT),
                        "slow.x - TIMED OUT", ";; QUESTION: slow.x. IN A\n;; STATUS: TIMEOUT (TIMED OUT)\n"));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void formats(String name, RecordType type, Answer answer, String line, String dig) {
        assertEquals(line, AnswerLine.format(name, answer));
        assertEquals(dig, DigFormat.format(name, type, answer));
    }
}
