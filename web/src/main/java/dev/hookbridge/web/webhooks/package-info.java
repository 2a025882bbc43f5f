/** The public inbound endpoint {@code POST /webhooks/{source}}, verified by signature rather than login. */
package dev.hookbridge.web.webhooks;
