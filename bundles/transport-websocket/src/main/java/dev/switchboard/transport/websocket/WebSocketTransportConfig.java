package dev.switchboard.transport.websocket;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one WebSocket listener (a factory configuration: one per listener). */
@ObjectClassDefinition(
        name = "Switchboard WebSocket transport",
        description = "WAMP over WebSocket (RFC 6455) on a TCP port and/or a Unix domain socket.")
public @interface WebSocketTransportConfig {

    @AttributeDefinition(description = "Listener name, used in logs and on the TransportListener service.")
    String name() default "websocket";

    @AttributeDefinition(description = "Interface to bind the TCP listener to.")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port; 0 = no TCP listener.", min = "0", max = "65535")
    int port() default 8080;

    @AttributeDefinition(description = "HTTP path that accepts WebSocket upgrades; other paths answer 404.")
    String path() default "/ws";

    @AttributeDefinition(description = "Unix domain socket to listen on as well (relative to the working directory); empty = none.")
    String unixSocket() default "";

    @AttributeDefinition(description = "Largest inbound WAMP message in bytes; larger ones close the connection with 1009.", min = "1")
    int maxMessageSize() default 1048576;

    @AttributeDefinition(description = "Outbound bytes queued per connection before it is closed as a slow consumer.", min = "1")
    long maxPendingBytes() default 8388608L;

    @AttributeDefinition(description = "Close connections idle for this many seconds; 0 = never.", min = "0")
    int idleTimeoutSeconds() default 300;

    @AttributeDefinition(description = "Send a WebSocket PING every this many seconds; 0 = off.", min = "0")
    int autoPingIntervalSeconds() default 0;

    @AttributeDefinition(description = "Name of the authentication policy (configuration dev.switchboard.auth) "
            + "clients of this listener must satisfy; empty = anonymous clients only.")
    String auth() default "";
}
