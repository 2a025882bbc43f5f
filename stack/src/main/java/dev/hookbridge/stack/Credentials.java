package dev.hookbridge.stack;

/**
 * The users a local stack is made with. These exist only in the dev run and the tests; the production
 * set-up has no default users or secrets (docs/deployment.md, "Users").
 */
public final class Credentials {

    public static final String DB_USER = "hookbridge";
    public static final String DB_PASSWORD = "hookbridge";

    /** Broker administrator (role amq): the Artemis console. */
    public static final String BROKER_ADMIN = "admin";
    public static final String BROKER_ADMIN_PASSWORD = "admin";
    /** What WildFly connects as (role hookbridge-app). */
    public static final String BROKER_APP = "hookbridge";
    public static final String BROKER_APP_PASSWORD = "hookbridge";
    /** An outside JMS system (role hookbridge-client). */
    public static final String BROKER_CLIENT = "client";
    public static final String BROKER_CLIENT_PASSWORD = "client";

    /** /api and the dashboard. */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "viewer";

    private Credentials() {
    }
}
