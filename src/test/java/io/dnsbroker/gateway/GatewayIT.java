package io.dnsbroker.gateway;

import io.dnsbroker.dns.Table;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.SilentGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real {@code dig} against a gateway answering through RS over the real broker. */
class GatewayIT {
    private static final Table TS1 = Deployment.table(Stream.concat(
            Stream.of("GOOGLE.com 46.1.3.7 A", "www.ibm.com 64.42.23.245 A 600", "mail.example.com 10 mx1.example.com MX 3600"),
            IntStream.range(1, 41).mapToObj(i -> "big.example.com 10.0.0." + i)).toArray(String[]::new));
    private static final Table TS2 = Deployment.table("www.princeton.edu 128.1.1.4 A 120", "Kill.cs.rutgers.edu 182.48.3.2");

    private static Deployment deployment;
    private static DnsGateway gateway;
    private static final GatewayStats STATS = new GatewayStats();

    @BeforeAll
    static void start() throws Exception {
        deployment = new Deployment("ts1", "ts2");
        deployment.ts("ts1", TS1);
        deployment.ts("ts2", TS2);
        deployment.rs();
        gateway = startGateway(deployment, new GatewaySettings(), STATS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        deployment.close();
    }

    private static DnsGateway startGateway(Deployment d, GatewaySettings settings, GatewayMetrics metrics) throws Exception {
        return DnsGateway.start(d.connection("gateway"), settings.listen(GatewaySettings.parseListen("127.0.0.1:0")), metrics);
    }

    private static Dig.Result dig(String... args) throws Exception {
        return Dig.query(gateway.address(), args);
    }

    @Test
    void anARecordWithItsTableTtl() throws Exception {
        Dig.Result result = dig("www.princeton.edu");
        assertEquals("NOERROR", result.status(), result.output());
        assertEquals(List.of("www.princeton.edu. 120 IN A 128.1.1.4"), result.answers());
        assertTrue(result.flags().containsAll(List.of("qr", "aa")), result.output());
    }

    @Test
    void anMxRecord() throws Exception {
        Dig.Result result = dig("mail.example.com", "MX");
        assertEquals("NOERROR", result.status(), result.output());
        assertEquals(List.of("mail.example.com. 3600 IN MX 10 mx1.example.com."), result.answers());
    }

    @Test
    void aNameNoGroupHoldsIsNxdomain() throws Exception {
        Dig.Result result = dig("www.nosuchsite.org");
        assertEquals("NXDOMAIN", result.status(), result.output());
        assertEquals(List.of(), result.answers());
    }

    @Test
    void overTcp() throws Exception {
        Dig.Result result = dig("+tcp", "www.ibm.com");
        assertEquals(List.of("www.ibm.com. 600 IN A 64.42.23.245"), result.answers(), result.output());
        assertTrue(result.output().contains("(TCP)"), result.output());
    }

    @Test
    void aMixedCaseNameIsFoundAndEchoedAsAsked() throws Exception {
        assertEquals(List.of("GoOgLe.CoM. 300 IN A 46.1.3.7"), dig("GoOgLe.CoM").answers());
        Dig.Result result = dig("kill.CS.rutgers.EDU");
        assertEquals(List.of("kill.CS.rutgers.EDU. 300 IN A 182.48.3.2"), result.answers(), result.output());
        assertTrue(result.output().contains(";kill.CS.rutgers.EDU.\t"), "question echoed: " + result.output());
    }

    @Test
    void aTrailingDotIsTheSameName() throws Exception {
        assertEquals(List.of("www.princeton.edu. 120 IN A 128.1.1.4"), dig("www.princeton.edu.").answers());
    }

    @Test
    void aBigAnswerWithoutEdnsIsTruncatedAndDigRetriesOverTcp() throws Exception {
        Dig.Result cut = dig("+noedns", "+ignore", "big.example.com");
        assertTrue(cut.flags().contains("tc"), cut.output());
        Dig.Result retried = dig("+noedns", "big.example.com");
        assertEquals(40, retried.answers().size(), retried.output());
        assertTrue(retried.output().contains("(TCP)"), retried.output());
        Dig.Result edns = dig("+bufsize=1232", "big.example.com");
        assertFalse(edns.flags().contains("tc"), edns.output());
        assertEquals(40, edns.answers().size());
    }

    @Test
    void pipelinedQueriesOnOneTcpConnectionAreAllAnswered() throws Exception {
        Map<Integer, String> asked = Map.of(1, "www.princeton.edu", 2, "google.com", 3, "www.nosuchsite.org", 4, "www.ibm.com");
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        DataOutputStream writer = new DataOutputStream(frames);
        for (Map.Entry<Integer, String> entry : asked.entrySet()) {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(entry.getValue(), Name.root), Type.A, DClass.IN));
            query.getHeader().setID(entry.getKey());
            byte[] wire = query.toWire();
            writer.writeShort(wire.length);
            writer.write(wire);
        }
        Map<Integer, Integer> rcodes = new HashMap<>();
        try (Socket socket = new Socket()) {
            socket.connect(gateway.address(), 3_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(frames.toByteArray());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < asked.size(); i++) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                Message response = new Message(wire);
                rcodes.put(response.getHeader().getID(), response.getRcode());
                assertEquals(asked.get(response.getHeader().getID()), response.getQuestion().getName().toString(true));
            }
        }
        assertEquals(Map.of(1, Rcode.NOERROR, 2, Rcode.NOERROR, 3, Rcode.NXDOMAIN, 4, Rcode.NOERROR), rcodes);
    }

    @Test
    void tcpConnectionsPastTheLimitAreClosedAtOnceAndIdleOnesAfterTheIdleTimeout() throws Exception {
        GatewaySettings settings = new GatewaySettings().tcpConnections(1).tcpIdle(Duration.ofMillis(300));
        try (DnsGateway limited = startGateway(deployment, settings, GatewayMetrics.NONE);
             Socket first = new Socket();
             Socket second = new Socket()) {
            first.connect(limited.address(), 3_000);
            first.setSoTimeout(5_000);
            while (limited.tcpConnections() == 0) {
                Thread.sleep(10);
            }
            second.connect(limited.address(), 3_000);
            second.setSoTimeout(5_000);
            assertEquals(-1, second.getInputStream().read(), "the connection over the limit is closed");
            assertEquals(-1, first.getInputStream().read(), "the idle connection is closed");
            assertEquals(0, limited.tcpConnections());
        }
    }

    @Test
    void servfailAtOnceWhenTs2IsDown() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            d.rs();
            try (DnsGateway down = startGateway(d, new GatewaySettings(), GatewayMetrics.NONE)) {
                assertEquals("NOERROR", Dig.query(down.address(), "google.com").status());
                Dig.Result result = Dig.query(down.address(), "www.princeton.edu");
                assertEquals("SERVFAIL", result.status(), result.output());
            }
        }
    }

    @Test
    void servfailAtTheDefaultDeadlineWhenTs2IsSilentWhileOtherQueriesFlow() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            try (SilentGroup silent = new SilentGroup(d.connection("ts2"), "ts2", -1)) {
                d.rs();
                GatewayStats stats = new GatewayStats();
                try (DnsGateway slow = startGateway(d, new GatewaySettings(), stats)) {
                    CompletableFuture<Dig.Result> waiting = async(() -> Dig.query(slow.address(), "www.princeton.edu"));
                    Dig.Result found = Dig.query(slow.address(), "google.com");
                    assertEquals("NOERROR", found.status(), found.output());
                    assertFalse(waiting.isDone(), "a query waiting on the silent group held up another one");
                    Dig.Result result = waiting.get();
                    assertEquals("SERVFAIL", result.status(), "answered before dig's own 3 s wait ran out: " + result.output());
                    assertEquals(1, stats.answered(Transport.UDP, Rcode.SERVFAIL));
                }
            }
        }
    }

    private static <T> CompletableFuture<T> async(Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
