package io.dnsbroker.rs;

import io.dnsbroker.dns.InvalidNameException;
import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;

import java.util.ArrayList;
import java.util.List;

/**
 * Carries a client query from answer to answer: takes what the cache knows first, follows a CNAME
 * to its target (which may live in another group, so RS asks every group again), and stops at an
 * answer of the asked type, a negative answer, a loop, or more than {@value #MAX_LINKS} links.
 * The whole chain goes back to the client, CNAMEs first. A loop or an over-long chain is
 * answered SERVFAIL with the chain followed, as resolvers do (RFC 1034 5.3.3 asks them to stop).
 */
final class CnameChase {
    static final int MAX_LINKS = 8;

    /** Where a lookup stands: answered ({@code ask} null), or a lookup the groups must be asked. */
    record Step(Lookup ask, Status status, List<RecordData> records, boolean stale) {
        static Step ask(Lookup lookup) {
            return new Step(lookup, null, List.of(), false);
        }

        static Step done(Status status, List<RecordData> records, boolean stale) {
            return new Step(null, status, records, stale);
        }

        boolean done() {
            return ask == null;
        }

        Answer answer(String clientQueryId) {
            return new Answer(clientQueryId, status, records, stale);
        }
    }

    private final AnswerCache cache;
    private final Rotation rotation;
    private final RsMetrics metrics;

    CnameChase(AnswerCache cache, Rotation rotation, RsMetrics metrics) {
        this.cache = cache;
        this.rotation = rotation;
        this.metrics = metrics;
    }

    /** A new client query: answered from the cache as far as it goes. */
    Step start(Name name, RecordType type) {
        return walk(Lookup.of(name, type), false);
    }

    /** What the groups answered for a lookup (NOERROR, NXDOMAIN, FORMERR): kept in the cache, then followed. */
    Step answered(Lookup lookup, Status status, List<RecordData> records) {
        cache.put(lookup.name(), lookup.type(), status, records);
        Step step = follow(lookup, status, records, false);
        return step.done() ? step : walk(step.ask(), false);
    }

    /**
     * No group could answer a lookup (SERVFAIL or TIMEOUT): the chain finished from the cache,
     * stale entries allowed, when it can be; otherwise that failure.
     */
    Step failed(Lookup lookup, Status failure) {
        Step step = walk(lookup, true);
        return step.done() ? step : Step.done(failure, List.of(), false);
    }

    private Step walk(Lookup lookup, boolean allowStale) {
        while (true) {
            AnswerCache.Hit hit = cache.fresh(lookup.name(), lookup.type());
            if (hit == null && allowStale) {
                hit = cache.stale(lookup.name(), lookup.type());
            }
            if (hit == null) {
                return Step.ask(lookup);
            }
            // Ends: each turn either answers or lengthens the chain, and follow stops it at MAX_LINKS.
            Step step = follow(lookup, hit.status(), hit.records(), hit.stale());
            if (step.done()) {
                return step;
            }
            lookup = step.ask();
        }
    }

    private Step follow(Lookup lookup, Status status, List<RecordData> records, boolean staleRecords) {
        boolean stale = lookup.stale() || staleRecords;
        if (status != Status.NOERROR) {
            // RFC 6604: a negative answer at the end of a chain still carries the chain.
            return Step.done(status, status == Status.NXDOMAIN ? lookup.chain() : List.of(), stale);
        }
        if (!isAlias(records, lookup.type())) {
            return Step.done(status, concat(lookup.chain(), rotation.next(records)), stale);
        }
        RecordData cname = records.get(0);
        List<RecordData> chain = concat(lookup.chain(), List.of(cname));
        Name target;
        try {
            target = Name.parse(cname.data());
        } catch (InvalidNameException e) {
            return Step.done(Status.SERVFAIL, chain, stale);
        }
        if (lookup.chain().size() >= MAX_LINKS || lookup.visited(target)) {
            return Step.done(Status.SERVFAIL, chain, stale);
        }
        metrics.cnameFollowed();
        return Step.ask(new Lookup(target, lookup.type(), chain, stale));
    }

    private static boolean isAlias(List<RecordData> records, RecordType asked) {
        return asked != RecordType.CNAME && !records.isEmpty()
                && records.stream().allMatch(r -> RecordType.CNAME.name().equals(r.type()));
    }

    private static List<RecordData> concat(List<RecordData> first, List<RecordData> second) {
        if (first.isEmpty()) {
            return second;
        }
        List<RecordData> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
