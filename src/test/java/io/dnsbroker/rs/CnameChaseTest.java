package io.dnsbroker.rs;

import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.protocol.RecordData;
import io.dnsbroker.testing.CountingRsMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.dnsbroker.rs.AnswerCacheTest.a;
import static io.dnsbroker.rs.AnswerCacheTest.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chase over a real cache on a hand-driven clock: the groups' answers are played by the test. */
class CnameChaseTest {
    private final AtomicLong clock = new AtomicLong();
    private final CountingRsMetrics metrics = new CountingRsMetrics();
    private final AnswerCache cache = new AnswerCache(new RsSettings().serveStale(Duration.ofSeconds(60)), metrics, clock::get);
    private final CnameChase chase = new CnameChase(cache, new Rotation(), metrics);

    private static RecordData cname(String alias, String target) {
        return new RecordData(alias, "CNAME", target, 300);
    }

    private static List<String> data(CnameChase.Step step) {
        return step.records().stream().map(r -> r.name() + ">" + r.data()).toList();
    }

    @Test
    void aCnameIsFollowedAndTheWholeChainReturned() {
        CnameChase.Step first = chase.start(name("www.x.com"), RecordType.A);
        assertEquals("www.x.com", first.ask().name().text(), "nothing cached: ask the groups");
        CnameChase.Step second = chase.answered(first.ask(), Status.NOERROR, List.of(cname("www.x.com", "web.y.net")));
        assertEquals("web.y.net", second.ask().name().text(), "the target is asked next");
        assertEquals(RecordType.A, second.ask().type());
        CnameChase.Step done = chase.answered(second.ask(), Status.NOERROR, List.of(a("web.y.net", "1.2.3.4", 300)));
        assertTrue(done.done());
        assertEquals(Status.NOERROR, done.status());
        assertEquals(List.of("www.x.com>web.y.net", "web.y.net>1.2.3.4"), data(done));
        assertEquals(1, metrics.cnamesFollowed.get());

        CnameChase.Step cached = chase.start(name("WWW.x.com"), RecordType.A);
        assertTrue(cached.done(), "both links come from the cache the second time");
        assertEquals(List.of("www.x.com>web.y.net", "web.y.net>1.2.3.4"), data(cached));
    }

    @Test
    void aCnameAskedForIsNotFollowed() {
        CnameChase.Step first = chase.start(name("www.x.com"), RecordType.CNAME);
        CnameChase.Step done = chase.answered(first.ask(), Status.NOERROR, List.of(cname("www.x.com", "web.y.net")));
        assertEquals(List.of("www.x.com>web.y.net"), data(done));
    }

    @Test
    void aLoopEndsInServfailWithTheChain() {
        CnameChase.Step step = chase.start(name("a.loop"), RecordType.A);
        step = chase.answered(step.ask(), Status.NOERROR, List.of(cname("a.loop", "b.loop")));
        step = chase.answered(step.ask(), Status.NOERROR, List.of(cname("b.loop", "A.LOOP")));
        assertTrue(step.done());
        assertEquals(Status.SERVFAIL, step.status());
        assertEquals(List.of("a.loop>b.loop", "b.loop>A.LOOP"), data(step));
        assertEquals(Status.SERVFAIL, chase.start(name("b.loop"), RecordType.A).status(), "a cached loop ends too");
    }

    @Test
    void eightLinksAreFollowedAndTheNinthIsRefused() {
        CnameChase.Step step = chase.start(name("n0.x.com"), RecordType.A);
        for (int i = 0; i < CnameChase.MAX_LINKS; i++) {
            step = chase.answered(step.ask(), Status.NOERROR, List.of(cname("n" + i + ".x.com", "n" + (i + 1) + ".x.com")));
            assertFalse(step.done(), "link " + (i + 1));
        }
        CnameChase.Step eightLinks = chase.answered(step.ask(), Status.NOERROR, List.of(a("n8.x.com", "1.1.1.1", 300)));
        assertEquals(Status.NOERROR, eightLinks.status());
        assertEquals(CnameChase.MAX_LINKS + 1, eightLinks.records().size());

        CnameChase.Step ninth = chase.answered(step.ask(), Status.NOERROR, List.of(cname("n8.x.com", "n9.x.com")));
        assertEquals(Status.SERVFAIL, ninth.status());
        assertEquals(CnameChase.MAX_LINKS + 1, ninth.records().size());
    }

    @Test
    void aMissingTargetIsNxdomainWithTheChainAndIsCached() {
        CnameChase.Step step = chase.start(name("www.x.com"), RecordType.A);
        step = chase.answered(step.ask(), Status.NOERROR, List.of(cname("www.x.com", "gone.y.net")));
        CnameChase.Step done = chase.answered(step.ask(), Status.NXDOMAIN, List.of());
        assertEquals(Status.NXDOMAIN, done.status());
        assertEquals(List.of("www.x.com>gone.y.net"), data(done));
        assertEquals(Status.NXDOMAIN, chase.start(name("gone.y.net"), RecordType.A).status());
    }

    @Test
    void aFailureIsAnsweredStaleWhenTheWindowAllowsAndOtherwiseAsItIs() {
        CnameChase.Step step = chase.start(name("www.x.com"), RecordType.A);
        chase.answered(step.ask(), Status.NOERROR, List.of(a("www.x.com", "1.1.1.1", 10)));
        CnameChase.Step unknown = chase.start(name("other.x.com"), RecordType.A);
        assertEquals(Status.TIMEOUT, chase.failed(unknown.ask(), Status.TIMEOUT).status());
        assertTrue(chase.failed(unknown.ask(), Status.SERVFAIL).records().isEmpty());

        clock.addAndGet(TimeUnit.SECONDS.toNanos(30));
        CnameChase.Step expired = chase.start(name("www.x.com"), RecordType.A);
        assertFalse(expired.done(), "an expired answer is asked for again");
        CnameChase.Step stale = chase.failed(expired.ask(), Status.SERVFAIL);
        assertEquals(Status.NOERROR, stale.status());
        assertTrue(stale.stale());
        assertTrue(stale.answer("q1").stale(), "the client sees the mark");
    }
}
