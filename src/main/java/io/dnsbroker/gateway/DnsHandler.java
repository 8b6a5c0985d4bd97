package io.dnsbroker.gateway;

import io.dnsbroker.dns.RecordType;
import io.dnsbroker.protocol.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns one DNS query message into its response, asking RS for what it cannot answer itself.
 * Never blocks: past {@code maxInflight} queries awaiting RS, new ones are shed.
 */
final class DnsHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DnsHandler.class);
    /** The UDP limit of a client without EDNS (RFC 1035 4.2.1). */
    static final int PLAIN_UDP_SIZE = 512;
    static final int TCP_SIZE = 65535;

    /** How the handler asks RS: the answer to come for a name and type. */
    @FunctionalInterface
    interface Resolver {
        CompletableFuture<Answer> resolve(String name, RecordType type) throws InterruptedException;
    }

    private final Resolver resolver;
    private final int maxInflight;
    private final int udpSize;
    private final GatewayMetrics metrics;
    private final AtomicInteger inflight = new AtomicInteger();

    DnsHandler(Resolver resolver, int maxInflight, int udpSize, GatewayMetrics metrics) {
        this.resolver = resolver;
        this.maxInflight = maxInflight;
        this.udpSize = udpSize;
        this.metrics = metrics;
    }

    /** Queries awaiting RS now. */
    int inflight() {
        return inflight.get();
    }

    /** The response to one query packet, to come; null when the packet is dropped unanswered. */
    CompletableFuture<byte[]> handle(byte[] packet, Transport transport) {
        long start = System.nanoTime();
        boolean isResponse = packet.length > 2 && (packet[2] & 0x80) != 0;
        if (packet.length < Header.LENGTH || isResponse) {
            // Answering a response could start a loop between two servers; a stub of a header has no id to echo.
            metrics.malformed(transport);
            return null;
        }
        Message request;
        try {
            request = new Message(packet);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(finish(null, Responses.formErr(packet), transport, start));
        }
        Record question = request.getQuestion();
        OPTRecord opt = request.getOPT();
        int refusal = -1;
        if (request.getHeader().getOpcode() != Opcode.QUERY) {
            refusal = Rcode.NOTIMP;
        } else if (request.getSection(Section.QUESTION).size() != 1) {
            refusal = Rcode.FORMERR;
        } else if (opt != null && opt.getVersion() != 0) {
            refusal = Rcode.BADVERS;
        } else if (question.getDClass() != DClass.IN) {
            refusal = Rcode.REFUSED;
        } else if (question.getType() == Type.AXFR || question.getType() == Type.IXFR) {
            // As an authoritative server without a transfer ACL does.
            refusal = Rcode.REFUSED;
        }
        if (refusal >= 0) {
            return CompletableFuture.completedFuture(finish(request, Responses.error(request, refusal, udpSize), transport, start));
        }
        if (inflight.incrementAndGet() > maxInflight) {
            inflight.decrementAndGet();
            metrics.shed(transport);
            // Over UDP a dropped query costs the client a retry later; over TCP it waits in the stream, so say no.
            return transport == Transport.UDP ? null
                    : CompletableFuture.completedFuture(finish(request, Responses.error(request, Rcode.REFUSED, udpSize), transport, start));
        }
        return ask(request, transport, start);
    }

    private CompletableFuture<byte[]> ask(Message request, Transport transport, long start) {
        Record question = request.getQuestion();
        RecordType held = RecordType.byName(Type.string(question.getType()));
        // ANY gets the A records (RFC 8482 lets a server answer with a subset); a type the tables
        // cannot hold gets NODATA when the name has A records, so the name's existence still shows.
        boolean nodata = held == null && question.getType() != Type.ANY;
        RecordType asked = held == null ? RecordType.A : held;
        CompletableFuture<Answer> answer;
        try {
            answer = resolver.resolve(question.getName().toString(true), asked);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((found, failure) -> {
            inflight.decrementAndGet();
            Message response;
            try {
                if (failure != null) {
                    throw failure;
                }
                response = Responses.answer(request, found, nodata, udpSize);
            } catch (Throwable e) {
                LOG.warn("SERVFAIL for {}: {}", question.getName(), e.toString());
                response = Responses.error(request, Rcode.SERVFAIL, udpSize);
            }
            return finish(request, response, transport, start);
        });
    }

    /** The response's bytes, cut to what the client can take, and its metrics. */
    private byte[] finish(Message request, Message response, Transport transport, long start) {
        byte[] bytes = response.toWire(limit(request, transport));
        if (transport == Transport.UDP && bytes.length >= Header.LENGTH && (bytes[2] & 0x02) != 0) {
            metrics.truncated();
        }
        metrics.answered(transport, response.getRcode(), System.nanoTime() - start);
        return bytes;
    }

    /** The client's EDNS size (never under 512) up to the gateway's own; 512 without EDNS; TCP's frame limit. */
    private int limit(Message request, Transport transport) {
        if (transport == Transport.TCP) {
            return TCP_SIZE;
        }
        OPTRecord opt = request == null ? null : request.getOPT();
        if (opt == null) {
            return PLAIN_UDP_SIZE;
        }
        return Math.min(udpSize, Math.max(PLAIN_UDP_SIZE, opt.getPayloadSize()));
    }
}
