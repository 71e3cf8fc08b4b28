/** Where transports and the router meet: a transport connects a {@link dev.switchboard.api.router.Peer} and gets a {@link dev.switchboard.api.router.RouterSession}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.switchboard.api.router;
