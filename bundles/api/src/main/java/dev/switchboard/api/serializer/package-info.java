/** Serializers turn WAMP messages into bytes and back; each is an OSGi service. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.switchboard.api.serializer;
