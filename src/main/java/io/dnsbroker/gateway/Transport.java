package io.dnsbroker.gateway;

/** How a query reached the gateway. */
public enum Transport {
    UDP,
    TCP
}
