package dev.switchboard.metrics;

import dev.switchboard.api.admin.RealmInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * One realm as a JMX composite (the MXBean maps each getter to an item; maps become tables). A class with getters
 * rather than a record: Java 17's MXBean mapping does not know record accessors.
 */
public final class RealmMetrics {
    private final RealmInfo realm;

    RealmMetrics(RealmInfo realm) {
        this.realm = realm;
    }

    public String getName() {
        return realm.name();
    }

    public int getSessions() {
        return realm.sessions();
    }

    public int getRegistrations() {
        return realm.registrations();
    }

    public int getSubscriptions() {
        return realm.subscriptions();
    }

    public int getPendingCalls() {
        return realm.pendingCalls();
    }

    public long getMessagesReceived() {
        return realm.messagesIn();
    }

    public long getMessagesSent() {
        return realm.messagesOut();
    }

    public Map<String, Long> getMessagesReceivedByType() {
        return new TreeMap<>(realm.messagesInByType());
    }

    public Map<String, Long> getMessagesSentByType() {
        return new TreeMap<>(realm.messagesOutByType());
    }

    public Map<String, Long> getErrorsByUri() {
        return new TreeMap<>(realm.errorsByUri());
    }
}
