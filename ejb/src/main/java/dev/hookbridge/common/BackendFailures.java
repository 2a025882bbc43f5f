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

    /**
     * A lost or refused connection to the database or the broker, anywhere in the cause chain: SQL
     * states of class 08 (connection exception) and 57P (the server shutting down or starting up),
     * a connection the pool could not give, or the broker client's own connection failures. Such a
     * failure says nothing about the work that was tried: trying again later can succeed.
     */
    public static boolean isConnectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (name.startsWith("jakarta.resource.")
                    || name.equals("org.hibernate.exception.JDBCConnectionException")
                    || name.equals("org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException")
                    || name.equals("org.apache.activemq.artemis.api.core.ActiveMQConnectionTimedOutException")
                    || name.equals("org.apache.activemq.artemis.api.core.ActiveMQDisconnectedException")) {
                return true;
            }
        }
        return false;
    }
}
