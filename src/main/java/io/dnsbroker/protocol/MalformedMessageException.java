package io.dnsbroker.protocol;

/** A message that does not follow the contract: rejected without requeue, so it is dead-lettered. */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String reason) {
        super(reason);
    }

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
