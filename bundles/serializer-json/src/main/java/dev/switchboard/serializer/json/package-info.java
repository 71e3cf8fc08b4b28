/**
 * WAMP over JSON ({@code wamp.2.json}) with Jackson's streaming parser and generator.
 * Implementation only: this package is private to the bundle; other bundles see the
 * {@link dev.switchboard.api.serializer.Serializer} service.
 */
package dev.switchboard.serializer.json;
