package dev.switchboard.client;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the events of one subscription, one at a time and in the order the router sent them, on a client
 * thread (never the router's). An exception is logged and does not end the subscription.
 */
@FunctionalInterface
@ConsumerType
public interface EventHandler {

    void onEvent(Event event) throws Exception;
}
