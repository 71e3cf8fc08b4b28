package dev.switchboard.metrics;

import dev.switchboard.api.admin.RealmInfo;
import java.util.List;

/**
 * What one scrape reads: every realm's counters (each a consistent snapshot taken on its realm's thread) and every
 * transport listener. Read on demand, so there is no polling thread and no stale cache.
 */
record NodeSnapshot(List<RealmInfo> realms, List<ListenerSample> listeners) {

    NodeSnapshot {
        realms = List.copyOf(realms);
        listeners = List.copyOf(listeners);
    }

    int sessions() {
        return realms.stream().mapToInt(RealmInfo::sessions).sum();
    }

    long messagesIn() {
        return realms.stream().mapToLong(RealmInfo::messagesIn).sum();
    }

    long messagesOut() {
        return realms.stream().mapToLong(RealmInfo::messagesOut).sum();
    }

    int connections() {
        return listeners.stream().mapToInt(ListenerSample::connections).sum();
    }
}
