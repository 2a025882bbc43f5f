/** What ops see at a glance: inbound and outbound counts over a time window, the delivery backlog, failing endpoints. */
package dev.hookbridge.overview;
