package io.dnsbroker.gateway;

import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.client.ResolverClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A DNS server on UDP and TCP, one port for both, that answers standard queries through RS over
 * the broker. It keeps many queries in flight in one {@link ResolverClient}, which batches
 * whatever is waiting into one message.
 */
public final class DnsGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DnsGateway.class);
    /** Room for bursts while the reader is busy; the kernel caps it at net.core.rmem_max. */
    private static final int UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;
    private static final int TCP_BACKLOG = 128;
    /** A name that exists nowhere (RFC 2606), so priming never returns anyone's data. */
    private static final String PRIMING_NAME = "gateway-priming.invalid.";

    private final ResolverClient client;
    private final UdpServer udp;
    private final TcpServer tcp;
    private final InetSocketAddress address;

    private DnsGateway(ResolverClient client, UdpServer udp, TcpServer tcp, InetSocketAddress address) {
        this.client = client;
        this.udp = udp;
        this.tcp = tcp;
        this.address = address;
    }

    /** Connects to RS (start RS first) and listens; fails when the address is taken or not local. */
    public static DnsGateway start(BrokerConnection connection, GatewaySettings settings, GatewayMetrics metrics) throws IOException {
        ResolverClient client = ResolverClient.start(connection, settings.client());
        prime(client, settings);
        Sockets sockets = null;
        try {
            sockets = Sockets.bind(settings.listen());
            InetSocketAddress bound = (InetSocketAddress) sockets.datagrams.getLocalAddress();
            DnsHandler handler = new DnsHandler(client::resolve, settings.inflight(), settings.udpSize(), metrics);
            UdpServer udp = new UdpServer(sockets.datagrams, handler);
            TcpServer tcp = new TcpServer(sockets.server, handler, settings);
            udp.start();
            tcp.start();
            LOG.info("gateway listening on {} (UDP and TCP), answering through {} in namespace {}; timeout {} ms, {} in flight",
                    format(bound), connection.topology().rsQueue(), connection.topology().namespace(),
                    settings.timeout().toMillis(), settings.inflight());
            return new DnsGateway(client, udp, tcp, bound);
        } catch (IOException | RuntimeException e) {
            if (sockets != null) {
                sockets.close();
            }
            client.close();
            throw new IOException("cannot listen on " + format(settings.listen()) + ": " + e.getMessage(), e);
        }
    }

    /** One port number bound for UDP and for TCP. */
    private record Sockets(DatagramChannel datagrams, ServerSocket server) {
        private static final int ANY_PORT_ATTEMPTS = 20;

        /**
         * Port 0 asks for any free port, but UDP's free port may be taken for TCP (by any
         * connection's own local port, such as the broker's): then another UDP port is tried.
         */
        static Sockets bind(InetSocketAddress listen) throws IOException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return bindOnce(listen);
                } catch (BindException e) {
                    if (listen.getPort() != 0 || attempt == ANY_PORT_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        private static Sockets bindOnce(InetSocketAddress listen) throws IOException {
            DatagramChannel datagrams = DatagramChannel.open();
            try {
                datagrams.setOption(StandardSocketOptions.SO_RCVBUF, UDP_RECEIVE_BUFFER);
                datagrams.bind(listen);
                ServerSocket server = new ServerSocket();
                try {
                    server.setReuseAddress(true);
                    server.bind(datagrams.getLocalAddress(), TCP_BACKLOG);
                    return new Sockets(datagrams, server);
                } catch (IOException | RuntimeException e) {
                    server.close();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                datagrams.close();
                throw e;
            }
        }

        void close() throws IOException {
            datagrams.close();
            server.close();
        }
    }

    /**
     * Asks one query through the whole path before listening, so the first client does not pay for
     * cold code (over a second on a busy machine, past the deadline) and a silent RS shows in the log.
     */
    private static void prime(ResolverClient client, GatewaySettings settings) {
        long start = System.nanoTime();
        try {
            byte[] query = Message.newQuery(Record.newRecord(Name.fromString(PRIMING_NAME), Type.A, DClass.IN)).toWire();
            byte[] response = new DnsHandler(client::resolve, 1, settings.udpSize(), GatewayMetrics.NONE)
                    .handle(query, Transport.UDP)
                    .get(settings.timeout().plus(settings.grace()).toMillis() + 1_000, TimeUnit.MILLISECONDS);
            LOG.info("gateway primed: RS answered {} in {} ms", Rcode.string(new Message(response).getRcode()),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.warn("the priming query got no answer from RS: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String format(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Where the gateway listens; the port is the one bound when port 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** Open TCP connections now. */
    public int tcpConnections() {
        return tcp.connections();
    }

    /** Stops listening; queries awaiting RS are dropped with the client. */
    @Override
    public void close() {
        udp.close();
        tcp.close();
        client.close();
    }
}
