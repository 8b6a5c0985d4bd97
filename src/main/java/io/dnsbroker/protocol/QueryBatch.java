package io.dnsbroker.protocol;

import java.util.List;

/** The body of every query message: one or more queries, each answered on its own. */
public record QueryBatch(List<Query> queries) {
    public static QueryBatch of(Query query) {
        return new QueryBatch(List.of(query));
    }

    /** The latest deadline in the batch: the message lives as long as its longest-lived query. */
    public long latestDeadline() {
        long latest = Long.MIN_VALUE;
        for (Query query : queries) {
            latest = Math.max(latest, query.deadline());
        }
        return latest;
    }
}
