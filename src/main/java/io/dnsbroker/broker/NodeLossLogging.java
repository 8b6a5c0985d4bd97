package io.dnsbroker.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketException;

/**
 * The client library's default handling, with the expected consequences of losing a broker node
 * told in one line each instead of an ERROR with a stack trace: the connection dropping, and
 * consumers whose ack could not go out because their connection was gone (the broker delivers
 * those messages again).
 */
final class NodeLossLogging extends DefaultExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLossLogging.class);

    @Override
    public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {
        LOG.warn("{}: lost the connection to {}:{} ({}); recovering, onto another node if there are several",
                connection.getClientProvidedName(), connection.getAddress().getHostAddress(), connection.getPort(), exception.toString());
    }

    @Override
    public void handleConsumerException(Channel channel, Throwable exception, Consumer consumer, String consumerTag, String methodName) {
        if (exception instanceof ShutdownSignalException || exception instanceof SocketException) {
            LOG.debug("{}: a delivery in hand was not acked, its connection being gone; the broker delivers it again",
                    channel.getConnection().getClientProvidedName());
            return;
        }
        super.handleConsumerException(channel, exception, consumer, consumerTag, methodName);
    }
}
