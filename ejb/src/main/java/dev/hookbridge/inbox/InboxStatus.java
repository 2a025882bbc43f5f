package dev.hookbridge.inbox;

/** Where an inbound event stands: stored, processed, or given up on after the broker's delivery limit. */
public enum InboxStatus {
    RECEIVED, PROCESSED, DEAD;

    /** A {@code status} filter as the API takes it: a status in any case, or blank for none. */
    public static final String PATTERN = "(?i)RECEIVED|PROCESSED|DEAD|\\s*";
    public static final String RULE = "must be one of RECEIVED, PROCESSED, DEAD";
}
