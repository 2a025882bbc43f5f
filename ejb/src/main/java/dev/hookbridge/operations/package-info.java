/**
 * Operational events: what ops must hear about without watching a dashboard (an endpoint failing or
 * recovered, an endpoint disabled, a delivery or an inbound event dead), announced on the topic
 * {@code webhooks.operations} in the transaction of the change that causes them.
 */
package dev.hookbridge.operations;
