/**
 * WAMP over CBOR ({@code wamp.2.cbor}, RFC 8949) with Jackson's streaming CBOR parser and generator.
 * Implementation only: this package is private to the bundle; other bundles see the
 * {@link dev.switchboard.api.serializer.Serializer} service.
 */
package dev.switchboard.serializer.cbor;
