package io.dnsbroker.gateway;

import io.dnsbroker.dns.InvalidNameException;
import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.Record;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;
import io.dnsbroker.testing.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire behaviour of the gateway, with RS played by a real table lookup. */
class DnsHandlerTest {
    private static final Table TABLE = Deployment.table(Stream.concat(
            Stream.of("www.Princeton.edu 128.1.1.4 A 120", "mail.example.com 10 mx1.example.com MX 3600",
                    "v6.example.com 2001:db8::1 AAAA", "example.com ns1.example.com NS", "alias.example.com www.princeton.edu CNAME 60",
                    "timeout.example.com 10.0.0.1", "down.example.com 10.0.0.2"),
            IntStream.range(1, 41).mapToObj(i -> "big.example.com 10.0.0." + i)).toArray(String[]::new));

    private final GatewayStats stats = new GatewayStats();
    private final DnsHandler handler = new DnsHandler(DnsHandlerTest::lookup, 100, 1232, stats);

    /** What RS would answer from the table, with two names standing for its failures. */
    private static CompletableFuture<Answer> lookup(String name, RecordType type) {
        Name parsed;
        try {
            parsed = Name.parse(name);
        } catch (InvalidNameException e) {
            return CompletableFuture.completedFuture(Answer.of("1", Status.FORMERR));
        }
        if (parsed.key().equals("timeout.example.com")) {
            return CompletableFuture.completedFuture(Answer.of("1", Status.TIMEOUT));
        }
        if (parsed.key().equals("down.example.com")) {
            return CompletableFuture.completedFuture(Answer.of("1", Status.SERVFAIL));
        }
        List<Record> records = TABLE.lookup(parsed, type);
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(Answer.of("1", Status.NXDOMAIN));
        }
        return CompletableFuture.completedFuture(new Answer("1", Status.NOERROR, records.stream().map(RecordData::of).toList()));
    }

    private static Message query(String name, int type) throws IOException {
        return Message.newQuery(org.xbill.DNS.Record.newRecord(org.xbill.DNS.Name.fromString(name, org.xbill.DNS.Name.root), type, DClass.IN));
    }

    private static Message withEdns(Message query, int size, int version) {
        query.addRecord(new OPTRecord(size, 0, version), Section.ADDITIONAL);
        return query;
    }

    private Message ask(Message query, Transport transport) throws IOException {
        CompletableFuture<byte[]> response = handler.handle(query.toWire(), transport);
        assertNotNull(response, "answered");
        return new Message(response.join());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "www.princeton.edu, A, NOERROR, 1",
            "WWW.PRINCETON.EDU., A, NOERROR, 1",
            "mail.example.com, MX, NOERROR, 1",
            "v6.example.com, AAAA, NOERROR, 1",
            "example.com, NS, NOERROR, 1",
            "alias.example.com, A, NOERROR, 1",
            "nothere.example, A, NXDOMAIN, 0",
            "mail.example.com, A, NXDOMAIN, 0",
            "timeout.example.com, A, SERVFAIL, 0",
            "down.example.com, A, SERVFAIL, 0",
            "www.princeton.edu, TXT, NOERROR, 0",
            "nothere.example, TXT, NXDOMAIN, 0",
            "www.princeton.edu, ANY, NOERROR, 1",
            "www.princeton.edu, AXFR, REFUSED, 0",
            "bad\\ name.example, A, FORMERR, 0",
    })
    void answersEachOutcomeWithItsRcode(String name, String type, String rcode, int answers) throws IOException {
        Message query = query(name, Type.value(type));
        Message response = ask(query, Transport.UDP);
        assertEquals(rcode, Rcode.string(response.getRcode()));
        assertEquals(answers, response.getSection(Section.ANSWER).size());
        assertEquals(query.getHeader().getID(), response.getHeader().getID());
        assertEquals(query.getQuestion(), response.getQuestion());
        assertTrue(response.getHeader().getFlag(Flags.QR));
        assertEquals(1, stats.answered(Transport.UDP, Rcode.value(rcode)));
        assertEquals(0, handler.inflight());
    }

    @Test
    void recordsCarryTheTableTtlAndTheQuestionsSpelling() throws IOException {
        Message response = ask(query("WwW.pRiNcEtOn.EdU.", Type.A), Transport.UDP);
        org.xbill.DNS.Record answer = response.getSection(Section.ANSWER).get(0);
        assertEquals("WwW.pRiNcEtOn.EdU.", answer.getName().toString());
        assertEquals(120, answer.getTTL());
        assertEquals("128.1.1.4", answer.rdataToString());
        assertTrue(response.getHeader().getFlag(Flags.AA));
        assertEquals("WwW.pRiNcEtOn.EdU.", response.getQuestion().getName().toString(), "question echoed as asked");

        MXRecord mx = (MXRecord) ask(query("mail.example.com", Type.MX), Transport.UDP).getSection(Section.ANSWER).get(0);
        assertEquals(10, mx.getPriority());
        assertEquals("mx1.example.com.", mx.getTarget().toString());
        assertEquals(3600, mx.getTTL());
    }

    @Test
    void refusesWhatAQueryServerDoesNotServe() throws IOException {
        Message notify = query("www.princeton.edu", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertEquals(Rcode.NOTIMP, ask(notify, Transport.UDP).getRcode());

        Message chaos = Message.newQuery(org.xbill.DNS.Record.newRecord(org.xbill.DNS.Name.fromString("version.bind."), Type.TXT, DClass.CH));
        assertEquals(Rcode.REFUSED, ask(chaos, Transport.UDP).getRcode());

        Message future = withEdns(query("www.princeton.edu", Type.A), 1232, 1);
        Message badvers = ask(future, Transport.UDP);
        assertEquals(Rcode.BADVERS, badvers.getRcode());
        assertNotNull(badvers.getOPT(), "an extended rcode travels in the OPT record");
    }

    @Test
    void brokenQueriesGetFormerrWhenTheyHaveAnIdAndSilenceWhenNot() throws IOException {
        Message none = new Message();
        none.getHeader().setID(4242);
        Message noQuestion = ask(none, Transport.UDP);
        assertEquals(Rcode.FORMERR, noQuestion.getRcode());
        assertEquals(4242, noQuestion.getHeader().getID());

        byte[] cut = query("www.princeton.edu", Type.A).toWire();
        byte[] header = java.util.Arrays.copyOf(cut, cut.length - 3);
        Message formerr = new Message(handler.handle(header, Transport.UDP).join());
        assertEquals(Rcode.FORMERR, formerr.getRcode());
        assertEquals(new Message(cut).getHeader().getID(), formerr.getHeader().getID());

        assertNull(handler.handle(new byte[5], Transport.UDP), "shorter than a header");
        Message response = query("www.princeton.edu", Type.A);
        response.getHeader().setFlag(Flags.QR);
        assertNull(handler.handle(response.toWire(), Transport.UDP), "a response is never answered");
        assertEquals(2, stats.malformedCount());
    }

    @Test
    void overUdpWithoutEdnsABigAnswerIsTruncatedForTheClientToRetryOverTcp() throws IOException {
        Message plain = ask(query("big.example.com", Type.A), Transport.UDP);
        assertTrue(plain.getHeader().getFlag(Flags.TC), "TC set over 512 bytes");
        assertTrue(plain.numBytes() <= 512);
        assertEquals(1, stats.truncatedCount());

        Message edns = ask(withEdns(query("big.example.com", Type.A), 1232, 0), Transport.UDP);
        assertFalse(edns.getHeader().getFlag(Flags.TC));
        assertEquals(40, edns.getSection(Section.ANSWER).size());
        assertEquals(1232, edns.getOPT().getPayloadSize(), "the gateway advertises its own size");

        Message tiny = ask(withEdns(query("big.example.com", Type.A), 100, 0), Transport.UDP);
        assertTrue(tiny.getHeader().getFlag(Flags.TC), "an EDNS size under 512 counts as 512");
        assertTrue(tiny.numBytes() > 0 && tiny.numBytes() <= 512);

        Message tcp = ask(query("big.example.com", Type.A), Transport.TCP);
        assertFalse(tcp.getHeader().getFlag(Flags.TC));
        assertEquals(40, tcp.getSection(Section.ANSWER).size());
    }

    @Test
    void pastTheInflightLimitUdpIsDroppedAndTcpRefusedUntilAnswersComeBack() throws IOException {
        List<CompletableFuture<Answer>> waiting = new ArrayList<>();
        DnsHandler limited = new DnsHandler((name, type) -> {
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            waiting.add(answer);
            return answer;
        }, 2, 1232, stats);
        byte[] query = query("www.princeton.edu", Type.A).toWire();
        CompletableFuture<byte[]> first = limited.handle(query, Transport.UDP);
        CompletableFuture<byte[]> second = limited.handle(query, Transport.TCP);
        assertFalse(first.isDone());
        assertNull(limited.handle(query, Transport.UDP), "dropped over the limit");
        assertEquals(Rcode.REFUSED, new Message(limited.handle(query, Transport.TCP).join()).getRcode());
        assertEquals(2, stats.shedCount());

        waiting.get(0).complete(Answer.of("1", Status.NXDOMAIN));
        assertEquals(Rcode.NXDOMAIN, new Message(first.join()).getRcode());
        assertEquals(1, limited.inflight());
        assertNotNull(limited.handle(query, Transport.UDP), "room again once an answer came");
        waiting.get(1).completeExceptionally(new IllegalStateException("connection lost"));
        assertEquals(Rcode.SERVFAIL, new Message(second.join()).getRcode());
    }
}
