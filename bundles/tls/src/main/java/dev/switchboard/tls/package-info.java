/**
 * TLS for the transports' TCP listeners: {@link dev.switchboard.tls.TlsSettings} (validated configuration, shared by
 * every transport) and {@link dev.switchboard.tls.ServerTls} (the server {@code SSLContext} and Jetty
 * {@code SslContextFactory.Server} built from PEM files or a PKCS#12 store, with the JDK alone).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.switchboard.tls;
