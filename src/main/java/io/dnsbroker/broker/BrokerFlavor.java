package io.dnsbroker.broker;

import java.util.Locale;
import java.util.Map;

/**
 * Which broker product a connection reached, read from the server properties at connect. Brokers
 * differ in how they read the AMQP {@code expiration} property.
 */
public enum BrokerFlavor {
    /** RabbitMQ: expiration is the remaining time to live in milliseconds. */
    RABBITMQ {
        @Override
        public String expiration(long deadline, long now) {
            return Long.toString(Math.max(0, deadline - now));
        }
    },
    /** Apache Qpid Broker-J: expiration is an absolute epoch-millisecond time. */
    QPID {
        @Override
        public String expiration(long deadline, long now) {
            return Long.toString(deadline);
        }
    };

    /** The value of the AMQP expiration property for a message that must be gone at {@code deadline}. */
    public abstract String expiration(long deadline, long now);

    /**
     * Broker-J built without its release metadata (as Maven Central ships it) says
     * {@code product=unknown}, so its own {@code qpid.*} properties identify it as well.
     */
    public static BrokerFlavor of(Map<String, Object> serverProperties) {
        Object product = serverProperties.get("product");
        boolean qpid = product != null && product.toString().toLowerCase(Locale.ROOT).contains("qpid")
                || serverProperties.keySet().stream().anyMatch(key -> key.startsWith("qpid."));
        return qpid ? QPID : RABBITMQ;
    }
}
