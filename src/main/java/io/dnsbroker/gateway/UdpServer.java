package io.dnsbroker.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;

/**
 * One reader thread takes every datagram and hands it to the handler, which never blocks; each
 * response is sent by whichever thread completes it, so a slow answer holds up nobody else.
 */
final class UdpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpServer.class);
    /** The largest UDP payload; a bigger buffer would never fill. */
    private static final int MAX_DATAGRAM = 65_507;

    private final DatagramChannel channel;
    private final DnsHandler handler;
    private final Thread reader;

    UdpServer(DatagramChannel channel, DnsHandler handler) {
        this.channel = channel;
        this.handler = handler;
        this.reader = new Thread(this::readLoop, "gateway-udp");
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (channel.isOpen()) {
            buffer.clear();
            SocketAddress client;
            try {
                client = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("UDP receive failed: {}", e.toString());
                continue;
            }
            buffer.flip();
            byte[] packet = new byte[buffer.remaining()];
            buffer.get(packet);
            CompletableFuture<byte[]> response = handler.handle(packet, Transport.UDP);
            if (response != null) {
                response.thenAccept(bytes -> send(bytes, client));
            }
        }
    }

    private void send(byte[] response, SocketAddress client) {
        try {
            channel.send(ByteBuffer.wrap(response), client);
        } catch (IOException e) {
            // The client went away or the socket closed: the response has nowhere to go.
            LOG.debug("UDP send to {} failed: {}", client, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("UDP close failed: {}", e.toString());
        }
    }
}
