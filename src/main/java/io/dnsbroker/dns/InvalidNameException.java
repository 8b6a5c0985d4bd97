package io.dnsbroker.dns;

/** A name that breaks the RFC 1035 limits; answered with FORMERR ({@code Error:INVALID NAME}). */
public final class InvalidNameException extends Exception {
    public InvalidNameException(String reason) {
        super(reason);
    }
}
