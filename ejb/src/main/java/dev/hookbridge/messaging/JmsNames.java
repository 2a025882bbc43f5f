package dev.hookbridge.messaging;

/**
 * The one place that names Hookbridge's JMS resources: JNDI entries created by
 * {@code hookbridge-install.cli}, broker addresses declared in {@code artemis-config/broker.xml},
 * and the message properties of docs/inbound.md, "Broker addresses".
 */
public final class JmsNames {

    /** The pooled XA connection factory to the Hookbridge broker; MDBs name it as their resource adapter. */
    public static final String RESOURCE_ADAPTER = "hookbridge-ra";
    public static final String CONNECTION_FACTORY = "java:/jms/hookbridge/ConnectionFactory";
    /**
     * The MDBs' own bean pool, created by {@code hookbridge-install.cli} with as many instances as the
     * inbound MDB has sessions ({@code hookbridge.inbound.max-sessions}, set there too). Processing
     * waits on XA round trips far more than it computes, so more sessions than the resource adapter's
     * 15 pay off; the server's default MDB pool is sized by CPU count, which left sessions waiting for
     * a bean instance.
     */
    public static final String MDB_POOL = "hookbridge-mdb-pool";
    /**
     * The MDBs' activation property {@code transactionTimeout} (seconds): how long a delivery's
     * transaction may live before the transaction manager rolls it back. When the broker connection
     * fails while a message is being processed, the resource adapter may tear the session down and
     * release the endpoint before the delivery ends; the endpoint's transaction is then never
     * committed or rolled back by anyone but this timeout, and until then it holds the database row
     * locks of what it wrote, so the redelivered message waits on them. The server's default (300 s)
     * would hold those events for five minutes; processing a message takes milliseconds.
     */
    public static final String MDB_TRANSACTION_TIMEOUT_SECONDS = "60";

    public static final String INBOUND_QUEUE = "java:/jms/hookbridge/queue/webhooks.inbound";
    public static final String EVENTS_TOPIC = "java:/jms/hookbridge/topic/webhooks.events";
    public static final String OUTBOUND_QUEUE = "java:/jms/hookbridge/queue/webhooks.outbound";
    public static final String OUTBOUND_DEAD_TOPIC = "java:/jms/hookbridge/topic/webhooks.outbound.dead";
    public static final String OPERATIONS_TOPIC = "java:/jms/hookbridge/topic/webhooks.operations";

    /** Broker address of the inbound queue, as the broker's management API knows it. */
    public static final String INBOUND_ADDRESS = "webhooks.inbound";
    /** Broker address of the inbound dead-letter queue (its depth is a metric). */
    public static final String INBOUND_DLQ_ADDRESS = "DLQ.webhooks.inbound";
    /** The queue where messages on webhooks.outbound that cannot become an event end, with their reason. */
    public static final String OUTBOUND_DLQ_ADDRESS = "DLQ.webhooks.outbound";
    /** The broker's management address (Artemis default). */
    public static final String MANAGEMENT_ADDRESS = "activemq.management";

    public static final String PROPERTY_SOURCE = "source";
    public static final String PROPERTY_EVENT_ID = "eventId";
    public static final String PROPERTY_EVENT_TYPE = "eventType";
    public static final String PROPERTY_INBOX_ID = "inboxId";
    /** On a group message (several events, one transaction): how many events its body names. */
    public static final String PROPERTY_EVENT_COUNT = "eventCount";
    /** On a group message: its events' inbox ids, comma-separated, for ops reading the queue. */
    public static final String PROPERTY_INBOX_IDS = "inboxIds";
    /** Set on messages of a manual replay: process even when the inbox row is already PROCESSED. */
    public static final String PROPERTY_REPLAY = "replay";
    /** webhooks.outbound: the event type a JMS producer publishes (required). */
    public static final String PROPERTY_TYPE = "type";
    public static final String PROPERTY_DELIVERY_ID = "deliveryId";
    public static final String PROPERTY_ENDPOINT_ID = "endpointId";
    public static final String PROPERTY_LAST_STATUS_CODE = "lastStatusCode";
    /**
     * The W3C trace context of the event's trace (on webhooks.inbound, webhooks.events and, when a
     * producer sets it, webhooks.outbound): docs/operations.md, "Traces".
     */
    public static final String PROPERTY_TRACEPARENT = "traceparent";
    /** The version of a catalogued event type a message on webhooks.outbound follows (docs/event-types.md). */
    public static final String PROPERTY_VERSION = "version";
    /** The customer an event on webhooks.outbound is for (docs/customers.md). */
    public static final String PROPERTY_CUSTOMER = "customer";
    /** Why a message on webhooks.outbound was parked in DLQ.webhooks.outbound. */
    public static final String PROPERTY_REASON = "reason";
    public static final String PROPERTY_GROUP_ID = "JMSXGroupID";
    public static final String PROPERTY_DELIVERY_COUNT = "JMSXDeliveryCount";

    private JmsNames() {
    }
}
