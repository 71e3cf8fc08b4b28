/** WAMP URIs, IDs and the error and close reasons defined by the spec. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.switchboard.api.uri;
