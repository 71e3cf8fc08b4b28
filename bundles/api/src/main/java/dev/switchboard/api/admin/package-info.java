/** What operators see and steer in a running router: realms, sessions, registrations, subscriptions, counters. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.switchboard.api.admin;
