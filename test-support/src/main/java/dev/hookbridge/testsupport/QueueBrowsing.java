package dev.hookbridge.testsupport;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import java.util.Collections;
import java.util.List;

/**
 * The messages waiting on a queue, browsed (not consumed) as the broker administrator browses them in
 * the console. A JMS queue browser sees every message; the management API's listMessages stops at the
 * broker's browse page size.
 */
public final class QueueBrowsing {

    private QueueBrowsing() {
    }

    /** The messages on the queue that match the selector, oldest first. */
    public static List<Message> browse(ConnectionFactory factory, String queue, String selector) {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector);
            return Collections.list(browser.getEnumeration()).stream().map(Message.class::cast).toList();
        } catch (JMSException e) {
            throw new IllegalStateException("browsing " + queue + " (" + selector + "): " + e.getMessage(), e);
        }
    }
}
