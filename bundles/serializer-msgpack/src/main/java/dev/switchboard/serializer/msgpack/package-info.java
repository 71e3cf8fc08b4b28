/**
 * WAMP over MessagePack ({@code wamp.2.msgpack}) with msgpack-core's packer and unpacker, embedded privately.
 * Implementation only: this package is private to the bundle; other bundles see the
 * {@link dev.switchboard.api.serializer.Serializer} service.
 */
package dev.switchboard.serializer.msgpack;
