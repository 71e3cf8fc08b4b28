package dev.switchboard.connector.postgresql;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one connector, for operators (its {@code toString} is logged when it stops) and for tests. */
final class ConnectorStats {
    private final AtomicLong callsSucceeded = new AtomicLong();
    private final AtomicLong callsFailed = new AtomicLong();
    private final AtomicLong eventsPublished = new AtomicLong();
    private final AtomicLong eventsRejected = new AtomicLong();
    private final AtomicLong eventsStored = new AtomicLong();
    private final AtomicLong eventStoreErrors = new AtomicLong();
    private final AtomicLong databaseConnects = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();

    void callSucceeded() {
        callsSucceeded.incrementAndGet();
    }

    void callFailed() {
        callsFailed.incrementAndGet();
    }

    void eventPublished() {
        eventsPublished.incrementAndGet();
    }

    /** An outbox event the router refused (invalid topic, not authorized): skipped, never retried. */
    void eventRejected() {
        eventsRejected.incrementAndGet();
    }

    void eventStored() {
        eventsStored.incrementAndGet();
    }

    void eventStoreFailed() {
        eventStoreErrors.incrementAndGet();
    }

    void databaseConnected() {
        databaseConnects.incrementAndGet();
    }

    void refreshed() {
        refreshes.incrementAndGet();
    }

    long callsSucceeded() {
        return callsSucceeded.get();
    }

    long callsFailed() {
        return callsFailed.get();
    }

    long eventsPublished() {
        return eventsPublished.get();
    }

    long eventsRejected() {
        return eventsRejected.get();
    }

    long eventsStored() {
        return eventsStored.get();
    }

    long eventStoreErrors() {
        return eventStoreErrors.get();
    }

    long databaseConnects() {
        return databaseConnects.get();
    }

    long refreshes() {
        return refreshes.get();
    }

    @Override
    public String toString() {
        return "calls ok=" + callsSucceeded + " failed=" + callsFailed + ", outbox events published="
                + eventsPublished + " rejected=" + eventsRejected + ", events to SQL stored=" + eventsStored
                + " failed=" + eventStoreErrors + ", database connects=" + databaseConnects + ", refreshes="
                + refreshes;
    }
}
