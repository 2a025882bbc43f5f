/**
 * Hookbridge's application core: inbound sources and their inbox, messaging, secrets and schema.
 * Packages are by feature ({@code source}, {@code inbox}, {@code signature}), then by role.
 */
package dev.hookbridge;
