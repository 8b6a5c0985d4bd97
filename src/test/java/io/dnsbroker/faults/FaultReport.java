package io.dnsbroker.faults;

import io.dnsbroker.client.ClientCounters;

import java.time.Duration;

/**
 * What one scenario's steady load saw, counted per query the way a Jepsen checker counts
 * messages: every query sent must end answered (lost = 0), no answer may claim something false
 * (wrong = 0), and none may reach the caller twice (duplicated = 0). TIMED OUT and SERVER
 * UNAVAILABLE are answers that admit a failure: counted, allowed.
 */
record FaultReport(String scenario, long sent, long answered, long correct, long admittedFailures, long lost,
                   long wrong, long duplicated, Duration longestWait, long retried, long refused, long heldForRecovery,
                   long duplicatesDropped, String note) {

    static final String HEADER = "| scenario | sent | answered | correct | timed out / unavailable | lost | wrong | duplicated"
            + " | longest wait | retried | refused (nack) | held for recovery | duplicate answers dropped | what happened |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |";

    static FaultReport of(String scenario, SteadyLoad.Tally tally, ClientCounters counters, String note) {
        return new FaultReport(scenario, tally.sent(), tally.answered(), tally.correct(), tally.admittedFailures(), tally.lost(),
                tally.wrong(), tally.duplicated(), tally.longestWait(), counters.retried(), counters.refused(),
                counters.unpublished(), counters.duplicates(), note);
    }

    String row() {
        return String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %.2f s | %d | %d | %d | %d | %s |", scenario, sent, answered,
                correct, admittedFailures, lost, wrong, duplicated, longestWait.toMillis() / 1000.0, retried, refused,
                heldForRecovery, duplicatesDropped, note);
    }
}
