package io.dnsbroker.protocol;

/**
 * One query inside a message. {@code id} is unique for whoever sent it and comes back on the
 * answer; {@code deadline} is absolute epoch milliseconds; {@code type} is a record type name.
 */
public record Query(String id, String name, String type, long deadline) {
}
