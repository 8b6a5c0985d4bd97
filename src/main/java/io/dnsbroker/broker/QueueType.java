package io.dnsbroker.broker;

import java.util.Locale;

/** What kind of queue holds the work (the RS queue, the group queues and the dead letters). */
public enum QueueType {
    /** One node holds each queue: the simplest, and right for a single broker. */
    CLASSIC,
    /** Replicated over the cluster's nodes by Raft: the work queues outlive the loss of a node. */
    QUORUM;

    /** The value of the {@code x-queue-type} argument. */
    public String argument() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static QueueType parse(String text) {
        for (QueueType type : values()) {
            if (type.argument().equalsIgnoreCase(text.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("bad queue type '" + text + "': classic or quorum");
    }
}
