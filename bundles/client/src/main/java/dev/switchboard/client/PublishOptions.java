package dev.switchboard.client;

import java.util.List;

/**
 * Options of a PUBLISH. Immutable: each {@code with...} returns a copy. The black- and whitelists (subscriber
 * black/white listing) are {@code null} when not given; an event reaches a subscriber that passes every whitelist
 * given and is on no blacklist.
 */
public final class PublishOptions {
    private static final PublishOptions DEFAULTS = new PublishOptions(false, true, false, false,
            null, null, null, null, null, null);

    private final boolean acknowledge;
    private final boolean excludeMe;
    private final boolean discloseMe;
    private final boolean retain;
    private final List<Long> eligible;
    private final List<Long> exclude;
    private final List<String> eligibleAuthid;
    private final List<String> excludeAuthid;
    private final List<String> eligibleAuthrole;
    private final List<String> excludeAuthrole;

    private PublishOptions(boolean acknowledge, boolean excludeMe, boolean discloseMe, boolean retain,
            List<Long> eligible, List<Long> exclude, List<String> eligibleAuthid, List<String> excludeAuthid,
            List<String> eligibleAuthrole, List<String> excludeAuthrole) {
        this.acknowledge = acknowledge;
        this.excludeMe = excludeMe;
        this.discloseMe = discloseMe;
        this.retain = retain;
        this.eligible = eligible;
        this.exclude = exclude;
        this.eligibleAuthid = eligibleAuthid;
        this.excludeAuthid = excludeAuthid;
        this.eligibleAuthrole = eligibleAuthrole;
        this.excludeAuthrole = excludeAuthrole;
    }

    /** Not acknowledged, publisher excluded, publisher not disclosed, not retained, no lists. */
    public static PublishOptions defaults() {
        return DEFAULTS;
    }

    /** The publish future completes on PUBLISHED (or fails on ERROR) instead of at once. */
    public PublishOptions withAcknowledge(boolean ack) {
        return new PublishOptions(ack, excludeMe, discloseMe, retain, eligible, exclude, eligibleAuthid,
                excludeAuthid, eligibleAuthrole, excludeAuthrole);
    }

    /** {@code false}: the publisher receives its own event when subscribed (publisher exclusion). */
    public PublishOptions withExcludeMe(boolean exclude) {
        return new PublishOptions(acknowledge, exclude, discloseMe, retain, eligible, this.exclude, eligibleAuthid,
                excludeAuthid, eligibleAuthrole, excludeAuthrole);
    }

    /** Subscribers see the publisher's session id, authid and authrole (publisher identification). */
    public PublishOptions withDiscloseMe(boolean disclose) {
        return new PublishOptions(acknowledge, excludeMe, disclose, retain, eligible, exclude, eligibleAuthid,
                excludeAuthid, eligibleAuthrole, excludeAuthrole);
    }

    /** The router keeps the event as the topic's retained event (event retention). */
    public PublishOptions withRetain(boolean keep) {
        return new PublishOptions(acknowledge, excludeMe, discloseMe, keep, eligible, exclude, eligibleAuthid,
                excludeAuthid, eligibleAuthrole, excludeAuthrole);
    }

    /** Only these sessions may receive the event. */
    public PublishOptions withEligible(List<Long> sessionIds) {
        return new PublishOptions(acknowledge, excludeMe, discloseMe, retain, copy(sessionIds), exclude,
                eligibleAuthid, excludeAuthid, eligibleAuthrole, excludeAuthrole);
    }

    /** These sessions do not receive the event. */
    public PublishOptions withExclude(List<Long> sessionIds) {
        return new PublishOptions(acknowledge, excludeMe, discloseMe, retain, eligible, copy(sessionIds),
                eligibleAuthid, excludeAuthid, eligibleAuthrole, excludeAuthrole);
    }

    public PublishOptions withEligibleAuthid(List<String> authids) {
        return new PublishOptions(acknowledge, excludeMe, discloseMe, retain, eligible, exclude, copy(authids),
                excludeAuthid, eligibleAuthrole, excludeAuthrole);
    }

    public PublishOptions withExcludeAuthid(List<String> authids) {
        return new PublishOptions(acknowledge, excludeMe, discloseMe, retain, eligible, exclude, eligibleAuthid,
                copy(authids), eligibleAuthrole, excludeAuthrole);
    }

    public PublishOptions withEligibleAuthrole(List<String> authroles) {
        return new PublishOptions(acknowledge, excludeMe, discloseMe, retain, eligible, exclude, eligibleAuthid,
                excludeAuthid, copy(authroles), excludeAuthrole);
    }

    public PublishOptions withExcludeAuthrole(List<String> authroles) {
        return new PublishOptions(acknowledge, excludeMe, discloseMe, retain, eligible, exclude, eligibleAuthid,
                excludeAuthid, eligibleAuthrole, copy(authroles));
    }

    public boolean acknowledge() {
        return acknowledge;
    }

    public boolean excludeMe() {
        return excludeMe;
    }

    public boolean discloseMe() {
        return discloseMe;
    }

    public boolean retain() {
        return retain;
    }

    public List<Long> eligible() {
        return eligible;
    }

    public List<Long> exclude() {
        return exclude;
    }

    public List<String> eligibleAuthid() {
        return eligibleAuthid;
    }

    public List<String> excludeAuthid() {
        return excludeAuthid;
    }

    public List<String> eligibleAuthrole() {
        return eligibleAuthrole;
    }

    public List<String> excludeAuthrole() {
        return excludeAuthrole;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    @Override
    public String toString() {
        return "PublishOptions[acknowledge=" + acknowledge + ", excludeMe=" + excludeMe + ", discloseMe="
                + discloseMe + ", retain=" + retain + ", eligible=" + eligible + ", exclude=" + exclude + "]";
    }
}
