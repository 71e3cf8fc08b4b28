/**
 * The WAMP client API for application components. A component gets a {@link dev.switchboard.client.WampConnector}
 * (an OSGi service, or a plain object outside OSGi), joins a realm and receives a
 * {@link dev.switchboard.client.WampSession} to register, call, subscribe and publish with. The same code runs
 * in-process in the router's framework ({@code switchboard.connector=local}) and in a separate JVM over RawSocket.
 *
 * <p>One difference remains: in-process, payloads are handed over as objects, never serialized, so numbers keep
 * the Java type the sender used (an {@code Integer} stays an {@code Integer}) and nested lists and maps are shared
 * with the sender. Over the network they come back as the serializer decodes them (JSON: {@code Integer} or
 * {@code Long} by magnitude). Read numbers as {@link java.lang.Number} and do not modify payloads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.switchboard.client;
