/**
 * The inbound path: the intake that verifies and stores webhooks (with the JMS message, in one
 * transaction), the MDB that processes them, and the inbox API's queries and replay.
 */
package dev.hookbridge.inbox;
