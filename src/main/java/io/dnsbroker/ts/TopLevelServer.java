package io.dnsbroker.ts;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.ConfirmedPublisher;
import io.dnsbroker.broker.Messages;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.dns.InvalidNameException;
import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.Record;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.AnswerBatch;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.MalformedMessageException;
import io.dnsbroker.protocol.Query;
import io.dnsbroker.protocol.QueryBatch;
import io.dnsbroker.protocol.RecordData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TS worker of one group: competing consumers on the group's queue, each answering a batch of
 * queries from the group's table with a batch of answers to the message's {@code replyTo}.
 */
public final class TopLevelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopLevelServer.class);
    private static final int CLOSE_WAIT_SECONDS = 5;

    private final BrokerConnection connection;
    private final Topology topology;
    private final TsSettings settings;
    private final TsMetrics metrics;
    private final AtomicReference<Answers> table;
    private final List<Channel> channels = new ArrayList<>();
    private final List<String> consumerTags = new ArrayList<>();
    private final CountDownLatch cancelled;
    private final AtomicInteger handedBack = new AtomicInteger();
    private volatile boolean stopping;

    private TopLevelServer(BrokerConnection connection, TsSettings settings, Table table, TsMetrics metrics) {
        this.connection = connection;
        this.topology = connection.topology();
        this.settings = settings;
        this.metrics = metrics;
        this.table = new AtomicReference<>(new Answers(table));
        this.cancelled = new CountDownLatch(settings.consumers());
    }

    public static TopLevelServer start(BrokerConnection connection, TsSettings settings, Table table, TsMetrics metrics) throws IOException {
        Codec.warmUp();
        TopLevelServer server = new TopLevelServer(connection, settings, table, metrics);
        String queue = server.topology.groupQueue(settings.group());
        connection.onChannel(channel -> {
            server.topology.declareGroupQueue(channel, settings.group());
            return null;
        });
        for (int i = 0; i < settings.consumers(); i++) {
            Channel channel = connection.createChannel();
            channel.basicQos(settings.prefetch());
            server.channels.add(channel);
            server.consumerTags.add(channel.basicConsume(queue, false, server.new LookupConsumer(new ConfirmedPublisher(channel))));
        }
        LOG.info("{} connected to {}; declared {} bound to {}; serving {} ({} names, {} records) with {} consumer(s), prefetch {}",
                settings.group(), connection.describe(), queue, server.topology.tsExchange(), table.source(),
                table.names(), table.records(), settings.consumers(), settings.prefetch());
        return server;
    }

    /** Swaps in a new table; queries already taken finish on the one they started with. */
    public void replaceTable(Table newTable) {
        table.set(new Answers(newTable));
    }

    /**
     * A table with the answer to an A query for each of its names already converted to record data,
     * in a map built when the table is loaded: a query then costs one hash lookup, found or not. The
     * table's own lookup (an immutable map, then a filter of the name's records) cost half of a TS
     * worker's CPU in the benchmark. Other types are rare and go to the table.
     */
    private record Answers(Table table, Map<String, List<RecordData>> addresses) {
        Answers(Table table) {
            this(table, addresses(table));
        }

        private static Map<String, List<RecordData>> addresses(Table table) {
            Map<String, List<RecordData>> addresses = new HashMap<>(table.names() * 2);
            for (String key : table.keys()) {
                try {
                    List<RecordData> data = convert(table.lookup(Name.parse(key), RecordType.A));
                    if (!data.isEmpty()) {
                        addresses.put(key, data);
                    }
                } catch (InvalidNameException e) {
                    throw new IllegalStateException("the table holds an invalid name '" + key + "'", e);
                }
            }
            return addresses;
        }

        List<RecordData> lookup(Name name, RecordType type) {
            if (type == RecordType.A) {
                return addresses.getOrDefault(name.key(), List.of());
            }
            return convert(table.lookup(name, type));
        }

        private static List<RecordData> convert(List<Record> records) {
            List<RecordData> data = new ArrayList<>(records.size());
            for (Record record : records) {
                data.add(RecordData.of(record));
            }
            return List.copyOf(data);
        }
    }

    private final class LookupConsumer extends DefaultConsumer {
        /** Answers are acked on receipt; a node lost before confirming them gets them again after recovery. */
        private final ConfirmedPublisher publisher;

        LookupConsumer(ConfirmedPublisher publisher) {
            super(publisher.channel());
            this.publisher = publisher;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            if (stopping) {
                // Prefetched but not started: another worker of the group takes it at once.
                getChannel().basicNack(envelope.getDeliveryTag(), false, true);
                handedBack.incrementAndGet();
                return;
            }
            QueryBatch batch;
            try {
                batch = Messages.queries(properties, body);
            } catch (MalformedMessageException e) {
                metrics.malformed();
                LOG.warn("{}: rejected a malformed message to the dead-letter queue: {}", settings.group(), e.getMessage());
                getChannel().basicReject(envelope.getDeliveryTag(), false);
                return;
            }
            long now = System.currentTimeMillis();
            Answers current = table.get();
            List<Answer> answers = new ArrayList<>(batch.queries().size());
            long latestDeadline = now;
            for (Query query : batch.queries()) {
                if (query.deadline() <= now) {
                    metrics.expired();
                    continue;
                }
                answers.add(answer(current, query));
                latestDeadline = Math.max(latestDeadline, query.deadline());
            }
            if (!answers.isEmpty()) {
                publisher.publish("", properties.getReplyTo(),
                        Messages.properties(connection.flavor(), properties.getCorrelationId(), null, latestDeadline, now),
                        Codec.encode(new AnswerBatch(settings.group(), answers)));
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }

        /** Comes after every delivery the consumer had been sent: nothing of this consumer is in hand any more. */
        @Override
        public void handleCancelOk(String tag) {
            cancelled.countDown();
        }

        @Override
        public void handleCancel(String tag) {
            cancelled.countDown();
        }
    }

    private Answer answer(Answers current, Query query) {
        RecordType type = RecordType.byName(query.type());
        Name name;
        try {
            name = Name.parse(query.name());
        } catch (InvalidNameException e) {
            return Answer.of(query.id(), Status.FORMERR);
        }
        if (type == null) {
            return Answer.of(query.id(), Status.FORMERR);
        }
        List<RecordData> records = current.lookup(name, type);
        metrics.lookup(!records.isEmpty());
        if (records.isEmpty()) {
            return Answer.of(query.id(), Status.NXDOMAIN);
        }
        return new Answer(query.id(), Status.NOERROR, records);
    }

    /** Messages prefetched but handed back to the queue by {@link #close()}. */
    public int handedBack() {
        return handedBack.get();
    }

    /**
     * Stops consuming, finishes (answers and acks) the batch in hand, hands every prefetched one
     * back to the queue with a nack, then closes the connection: nothing acked is left unanswered.
     */
    @Override
    public void close() {
        stopping = true;
        for (int i = 0; i < channels.size(); i++) {
            try {
                channels.get(i).basicCancel(consumerTags.get(i));
            } catch (IOException | RuntimeException e) {
                // A closed channel has nothing in hand: the broker requeued its deliveries already.
                cancelled.countDown();
            }
        }
        try {
            if (!cancelled.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{}: consumers did not stop within {} s; the broker requeues what they held", settings.group(), CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
        LOG.info("{} stopped; handed back {} prefetched message(s)", settings.group(), handedBack.get());
    }
}
