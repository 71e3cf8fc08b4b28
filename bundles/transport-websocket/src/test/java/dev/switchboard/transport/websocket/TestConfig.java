package dev.switchboard.transport.websocket;

import java.lang.annotation.Annotation;

/** The configuration annotation as DS would make it, with the annotation's defaults unless changed. */
final class TestConfig implements WebSocketTransportConfig {

    String name = "websocket";
    String host = "127.0.0.1";
    int port = 8080;
    String path = "/ws";
    String unixSocket = "";
    String webDirectory = "";
    String webPath = "/";
    int maxMessageSize = 1048576;
    long maxPendingBytes = 8388608L;
    int maxConnections = 10000;
    int acceptQueueSize = 1024;
    int maxThreads = 0;
    int idleTimeoutSeconds = 300;
    int autoPingIntervalSeconds = 0;
    String auth = "";
    String tlsCertificate = "";
    String tlsKey = "";
    String tlsKeyStore = "";
    String tlsKeyStorePassword = "";
    String tlsClientCa = "";
    String tlsClientAuth = "none";

    @Override public String name() { return name; }
    @Override public String host() { return host; }
    @Override public int port() { return port; }
    @Override public String path() { return path; }
    @Override public String unixSocket() { return unixSocket; }
    @Override public String webDirectory() { return webDirectory; }
    @Override public String webPath() { return webPath; }
    @Override public int maxMessageSize() { return maxMessageSize; }
    @Override public long maxPendingBytes() { return maxPendingBytes; }
    @Override public int maxConnections() { return maxConnections; }
    @Override public int acceptQueueSize() { return acceptQueueSize; }
    @Override public int maxThreads() { return maxThreads; }
    @Override public int idleTimeoutSeconds() { return idleTimeoutSeconds; }
    @Override public int autoPingIntervalSeconds() { return autoPingIntervalSeconds; }
    @Override public String auth() { return auth; }
    @Override public String tlsCertificate() { return tlsCertificate; }
    @Override public String tlsKey() { return tlsKey; }
    @Override public String tlsKeyStore() { return tlsKeyStore; }
    @Override public String tlsKeyStorePassword() { return tlsKeyStorePassword; }
    @Override public String tlsClientCa() { return tlsClientCa; }
    @Override public String tlsClientAuth() { return tlsClientAuth; }

    @Override
    public Class<? extends Annotation> annotationType() {
        return WebSocketTransportConfig.class;
    }
}
