package dev.switchboard.transport.websocket;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one WebSocket listener (a factory configuration: one per listener). */
@ObjectClassDefinition(
        name = "Switchboard WebSocket transport",
        description = "WAMP over WebSocket (RFC 6455) on a TCP port (ws://, or wss:// with TLS) and/or a Unix domain socket.")
public @interface WebSocketTransportConfig {

    @AttributeDefinition(description = "Listener name, used in logs and on the TransportListener service.")
    String name() default "websocket";

    @AttributeDefinition(description = "Interface to bind the TCP listener to.")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port; 0 = no TCP listener.", min = "0", max = "65535")
    int port() default 8080;

    @AttributeDefinition(description = "HTTP path that accepts WebSocket upgrades; other requests answer 404, "
            + "or from webDirectory when one is set.")
    String path() default "/ws";

    @AttributeDefinition(description = "Unix domain socket to listen on as well (relative to the working directory); empty = none.")
    String unixSocket() default "";

    @AttributeDefinition(description = "Directory of static files served on the same port(s) as the WebSocket "
            + "endpoint (Crossbar's 'web' transport); relative to the working directory; empty = none. Requests "
            + "that upgrade at 'path' go to WAMP first; no directory listings, index.html for directories, no "
            + "files outside the directory (symbolic links included), no dotfiles except .well-known.")
    String webDirectory() default "";

    @AttributeDefinition(description = "URL path under which webDirectory is served, e.g. / or /static.")
    String webPath() default "/";

    @AttributeDefinition(description = "Largest inbound WAMP message in bytes; larger ones close the connection with 1009.", min = "1")
    int maxMessageSize() default 1048576;

    @AttributeDefinition(description = "Outbound bytes queued per connection before it is closed as a slow consumer.", min = "1")
    long maxPendingBytes() default 8388608L;

    @AttributeDefinition(description = "Open WAMP connections at most, over the TCP port and the Unix domain socket "
            + "together; further upgrade requests are answered with HTTP 503 (logged at most once a second).", min = "1")
    int maxConnections() default 10000;

    @AttributeDefinition(description = "Connections the kernel queues for accepting (listen backlog) on each socket; "
            + "a burst of more connects than this loses some for a second. The kernel caps it at "
            + "net.core.somaxconn.", min = "1", max = "65535")
    int acceptQueueSize() default 1024;

    @AttributeDefinition(description = "Threads of this listener at most (Jetty's pool: an acceptor and 1-4 "
            + "selectors per socket, reserved threads, and the threads that decode messages); idle ones beyond 2 end "
            + "after 30 s. 0 = automatic: 4 per processor, at least 8, at most 64.", min = "0")
    int maxThreads() default 0;

    @AttributeDefinition(description = "Close connections idle for this many seconds; 0 = never.", min = "0")
    int idleTimeoutSeconds() default 300;

    @AttributeDefinition(description = "Send a WebSocket PING every this many seconds; 0 = off.", min = "0")
    int autoPingIntervalSeconds() default 0;

    @AttributeDefinition(description = "Name of the authentication policy (configuration dev.switchboard.auth) "
            + "clients of this listener must satisfy; empty = anonymous clients only.")
    String auth() default "";

    // TLS on the TCP listener (wss://); the Unix domain socket stays plain. Checked by dev.switchboard.tls.TlsSettings.

    @AttributeDefinition(name = "TLS certificate",
            description = "TLS: PEM file with the certificate chain, this listener's certificate first; with tlsKey. "
                    + "Empty (and tlsKeyStore empty) = no TLS. Relative to the working directory.")
    String tlsCertificate() default "";

    @AttributeDefinition(name = "TLS key",
            description = "TLS: PEM file with the unencrypted private key of tlsCertificate: PKCS#8 (BEGIN PRIVATE "
                    + "KEY), PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY).")
    String tlsKey() default "";

    @AttributeDefinition(name = "TLS key store",
            description = "TLS: PKCS#12 file with the private key and certificate chain, instead of tlsCertificate "
                    + "and tlsKey.")
    String tlsKeyStore() default "";

    @AttributeDefinition(name = "TLS key store password", type = AttributeType.PASSWORD,
            description = "TLS: password of tlsKeyStore and of the key in it.")
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(name = "TLS client CA",
            description = "TLS: PEM file with the CA certificates that client certificates must chain to; needs "
                    + "tlsClientAuth want or need.")
    String tlsClientCa() default "";

    @AttributeDefinition(name = "TLS client authentication",
            description = "TLS: ask clients for a certificate signed by a CA in tlsClientCa.",
            options = {
                    @Option(value = "none", label = "none: do not ask"),
                    @Option(value = "want", label = "want: ask; clients without one are let in"),
                    @Option(value = "need", label = "need: clients without one fail the TLS handshake")})
    String tlsClientAuth() default "none";
}
