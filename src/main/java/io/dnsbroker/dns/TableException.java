package io.dnsbroker.dns;

/** A table that cannot be loaded; the message reads {@code file:line: reason}. */
public final class TableException extends Exception {
    public TableException(String message) {
        super(message);
    }
}
