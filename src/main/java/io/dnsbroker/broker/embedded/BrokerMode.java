package io.dnsbroker.broker.embedded;

/** Which broker a process talks to ({@code --broker}). */
public enum BrokerMode {
    /** The broker at the AMQP URI when one answers there; else, when no URI was given, an embedded one. */
    AUTO,
    /** The broker at the AMQP URI, whatever answers there; the product is built for RabbitMQ. */
    RABBITMQ,
    /** An embedded Qpid Broker-J in this process, whatever the AMQP URI says. */
    EMBEDDED
}
