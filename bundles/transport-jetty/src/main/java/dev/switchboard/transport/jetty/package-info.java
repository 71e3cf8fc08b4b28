/**
 * What the Jetty-based transports share: {@link dev.switchboard.transport.jetty.ListenerThreads}, the bounded thread
 * pool, acceptors and selectors of one listener's Jetty server.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.switchboard.transport.jetty;
