package io.dnsbroker.gateway;

import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

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
        // The gateway sheds queries at its own limit; twice that in the client means its resolve() never
        // waits for a permit that a completing answer is about to give back, so no reader ever blocks.
        ClientSettings clientSettings = new ClientSettings().timeout(settings.timeout()).grace(settings.grace())
                .inflight(2 * settings.inflight());
        ResolverClient client = ResolverClient.start(connection, clientSettings);
        DatagramChannel datagrams = null;
        ServerSocket server = null;
        try {
            datagrams = DatagramChannel.open();
            datagrams.setOption(StandardSocketOptions.SO_RCVBUF, UDP_RECEIVE_BUFFER);
            datagrams.bind(settings.listen());
            InetSocketAddress bound = (InetSocketAddress) datagrams.getLocalAddress();
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(bound, TCP_BACKLOG);
            DnsHandler handler = new DnsHandler(client::resolve, settings.inflight(), settings.udpSize(), metrics);
            UdpServer udp = new UdpServer(datagrams, handler);
            TcpServer tcp = new TcpServer(server, handler, settings);
            udp.start();
            tcp.start();
            LOG.info("gateway listening on {} (UDP and TCP), answering through {} in namespace {}; timeout {} ms, {} in flight",
                    format(bound), connection.topology().rsQueue(), connection.topology().namespace(),
                    settings.timeout().toMillis(), settings.inflight());
            return new DnsGateway(client, udp, tcp, bound);
        } catch (IOException | RuntimeException e) {
            if (datagrams != null) {
                datagrams.close();
            }
            if (server != null) {
                server.close();
            }
            client.close();
            throw new IOException("cannot listen on " + format(settings.listen()) + ": " + e.getMessage(), e);
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
