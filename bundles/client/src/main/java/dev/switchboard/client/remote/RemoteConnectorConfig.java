package dev.switchboard.client.remote;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one remote connector (a factory configuration: one per router to connect to). */
@ObjectClassDefinition(
        name = "Switchboard remote connector",
        description = "A WampConnector that joins a router in another process over RawSocket, reconnecting with "
                + "back-off. Registered with switchboard.connector=<name>.")
public @interface RemoteConnectorConfig {

    @AttributeDefinition(description = "Connector name: the value of the switchboard.connector service property.")
    String name() default "remote";

    @AttributeDefinition(description = "Transport; rawsocket is the only one implemented.",
            options = @org.osgi.service.metatype.annotations.Option(label = "RawSocket", value = "rawsocket"))
    String transport() default "rawsocket";

    @AttributeDefinition(description = "Router address: rawsocket://host:port or rawsocket+unix:///path/to.sock.")
    String url() default "rawsocket://127.0.0.1:8081";

    @AttributeDefinition(description = "Serializer name among the registered Serializer services: json, msgpack, cbor.")
    String serializer() default "json";

    @AttributeDefinition(description = "Longest message accepted from the router, announced in the handshake; "
            + "512..16777216, rounded down to a power of two.", min = "512", max = "16777216")
    int maxMessageSize() default 1048576;

    @AttributeDefinition(description = "Timeout in ms for the TCP connect, the RawSocket handshake and WELCOME.",
            min = "1")
    int connectTimeoutMillis() default 5000;

    @AttributeDefinition(description = "Reconnect and re-join after failures and lost connections.")
    boolean reconnect() default true;

    @AttributeDefinition(description = "First reconnect delay in ms; doubles after each failed attempt.", min = "1")
    long reconnectInitialDelayMillis() default 500;

    @AttributeDefinition(description = "Longest reconnect delay in ms.", min = "1")
    long reconnectMaxDelayMillis() default 30000;

    @AttributeDefinition(description = "Random spread of each delay, as a fraction (0.2 = ±20%).", min = "0", max = "1")
    double reconnectJitter() default 0.2;

    @AttributeDefinition(description = "Failed attempts in a row before giving up; 0 = never give up.", min = "0")
    int reconnectMaxAttempts() default 0;
}
