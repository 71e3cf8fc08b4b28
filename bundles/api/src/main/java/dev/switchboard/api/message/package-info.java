/** The WAMP v2 message model: one immutable class per message type. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.switchboard.api.message;
