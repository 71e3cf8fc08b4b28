package dev.switchboard.client;

/**
 * The outcome of a publish.
 *
 * @param id           the router's publication id; 0 when the publish was not acknowledged
 * @param acknowledged whether the router confirmed the publication (PUBLISHED)
 */
public record Publication(long id, boolean acknowledged) {

    private static final Publication UNACKNOWLEDGED = new Publication(0, false);

    /** A publish sent without asking for acknowledgement. */
    public static Publication unacknowledged() {
        return UNACKNOWLEDGED;
    }
}
