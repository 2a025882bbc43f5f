/** Outbound endpoints: where Hookbridge sends webhooks, with their filters, secrets and the SSRF guard. */
package dev.hookbridge.endpoint;
