package dev.hookbridge.common;

import java.sql.SQLException;

/**
 * Tells a failure of the database, the broker or the transaction that joins them (the caller should
 * retry later: 503) from any other failure, by what the cause chain holds.
 */
public final class BackendFailures {

    private BackendFailures() {
    }

    /** A failure of the database, the broker or the transaction that joins them, anywhere in the cause chain. */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException
                    || t instanceof BackendUnavailableException
                    || name.startsWith("jakarta.jms.")
                    || name.startsWith("jakarta.resource.")
                    || name.startsWith("jakarta.transaction.")
                    || name.equals("jakarta.ejb.EJBTransactionRolledbackException")
                    || name.equals("jakarta.persistence.PersistenceException")
                    || name.startsWith("org.hibernate.exception.")
                    || name.startsWith("org.apache.activemq.artemis.api.core.ActiveMQ")) {
                return true;
            }
        }
        return false;
    }
}
