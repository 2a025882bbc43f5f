/** Hookbridge's JMS side: names of its destinations, senders that join the caller's transaction, broker queries. */
package dev.hookbridge.messaging;
