package io.dnsbroker.gateway;

import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.IOException;

/** DNS response messages for requests: the id, opcode, RD bit and question echoed, EDNS answered in kind. */
final class Responses {
    private Responses() {
    }

    /** The answer to a request that could not be parsed past its header: FORMERR with the id, opcode and RD echoed. */
    static Message formErr(byte[] packet) {
        Message response = new Message(((packet[0] & 0xff) << 8) | (packet[1] & 0xff));
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode((packet[2] >> 3) & 0xf);
        if ((packet[2] & 0x01) != 0) {
            header.setFlag(Flags.RD);
        }
        header.setRcode(Rcode.FORMERR);
        return response;
    }

    /**
     * A response without records. Extended rcodes (BADVERS) go in the OPT record, which is
     * present when the request had one, advertising {@code udpSize}.
     */
    static Message error(Message request, int rcode, int udpSize) {
        Message response = new Message(request.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(request.getHeader().getOpcode());
        if (request.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        // The gateway resolves through RS whatever the client asks, so recursion is available.
        header.setFlag(Flags.RA);
        header.setRcode(rcode & 0xf);
        Record question = request.getQuestion();
        if (question != null) {
            response.addRecord(question, Section.QUESTION);
        }
        if (request.getOPT() != null) {
            response.addRecord(new OPTRecord(udpSize, rcode >> 4, 0), Section.ADDITIONAL);
        }
        return response;
    }

    /**
     * The response carrying RS's answer: NOERROR with the records (none when {@code nodata}, a
     * type the tables cannot hold), NXDOMAIN, SERVFAIL for SERVER UNAVAILABLE and TIMED OUT, FORMERR
     * for an invalid name. Records owned by the queried name take its spelling from the question.
     */
    static Message answer(Message request, Answer answer, boolean nodata, int udpSize) throws IOException {
        Message response = error(request, rcode(answer), udpSize);
        if (answer.status() == Status.NOERROR || answer.status() == Status.NXDOMAIN) {
            response.getHeader().setFlag(Flags.AA);
        }
        if (nodata || answer.status() != Status.NOERROR) {
            return response;
        }
        Name qname = request.getQuestion().getName();
        String qtext = qname.toString(true);
        for (RecordData data : answer.records()) {
            Name owner = data.name().equalsIgnoreCase(qtext) ? qname : Name.fromString(data.name(), Name.root);
            response.addRecord(record(owner, data), Section.ANSWER);
        }
        return response;
    }

    /** Built field by field: dnsjava's text parser costs an 8 KB buffer a record, a hot spot under load. */
    private static Record record(Name owner, RecordData data) throws IOException {
        RecordType type = RecordType.byName(data.type());
        if (type == null) {
            throw new IOException("RS answered a record of unknown type " + data.type());
        }
        long ttl = data.ttl();
        return switch (type) {
            case A -> new ARecord(owner, DClass.IN, ttl, Address.getByAddress(data.data(), Address.IPv4));
            case AAAA -> new AAAARecord(owner, DClass.IN, ttl, Address.getByAddress(data.data(), Address.IPv6));
            case CNAME -> new CNAMERecord(owner, DClass.IN, ttl, Name.fromString(data.data(), Name.root));
            case NS -> new NSRecord(owner, DClass.IN, ttl, Name.fromString(data.data(), Name.root));
            case MX -> {
                String[] fields = data.data().split(" ");
                if (fields.length != 2) {
                    throw new IOException("RS answered an MX record without 'preference exchange': " + data.data());
                }
                yield new MXRecord(owner, DClass.IN, ttl, Integer.parseInt(fields[0]), Name.fromString(fields[1], Name.root));
            }
        };
    }

    static int rcode(Answer answer) {
        return switch (answer.status()) {
            case NOERROR -> Rcode.NOERROR;
            case NXDOMAIN -> Rcode.NXDOMAIN;
            case SERVFAIL, TIMEOUT -> Rcode.SERVFAIL;
            case FORMERR -> Rcode.FORMERR;
        };
    }
}
