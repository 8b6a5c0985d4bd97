package io.dnsbroker.dns;

/** The outcome of one query, named after the DNS response code it maps to. */
public enum Status {
    /** Found: the answer carries records. */
    NOERROR,
    /** Every group answered that it holds no such name. */
    NXDOMAIN,
    /** A group that could hold the name has no consumer, and no live group has it. */
    SERVFAIL,
    /** The deadline passed while a live group stayed silent. */
    TIMEOUT,
    /** The queried name breaks the RFC 1035 limits. */
    FORMERR
}
