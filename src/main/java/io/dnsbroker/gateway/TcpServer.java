package io.dnsbroker.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Accepts DNS-over-TCP connections up to a limit; each one is served by a {@link TcpConnection}. */
final class TcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);

    private final ServerSocket server;
    private final DnsHandler handler;
    private final GatewaySettings settings;
    private final Set<TcpConnection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    TcpServer(ServerSocket server, DnsHandler handler, GatewaySettings settings) {
        this.server = server;
        this.handler = handler;
        this.settings = settings;
        this.acceptor = new Thread(this::acceptLoop, "gateway-tcp-accept");
        acceptor.setDaemon(true);
    }

    void start() {
        acceptor.start();
    }

    /** Open connections now. */
    int connections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                LOG.warn("TCP accept failed: {}", e.toString());
                continue;
            }
            if (open.size() >= settings.tcpConnections()) {
                LOG.debug("refused a TCP connection from {}: {} open, the limit", socket.getRemoteSocketAddress(), open.size());
                closeQuietly(socket);
                continue;
            }
            try {
                TcpConnection connection = new TcpConnection(socket, handler, settings, open::remove);
                open.add(connection);
                connection.start();
            } catch (IOException e) {
                LOG.debug("TCP connection from {} failed at once: {}", socket.getRemoteSocketAddress(), e.toString());
                closeQuietly(socket);
            }
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("TCP close failed: {}", e.toString());
        }
        for (TcpConnection connection : open) {
            connection.close();
        }
    }
}
