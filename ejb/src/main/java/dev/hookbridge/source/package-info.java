/** Inbound sources: named provider configurations with their signature scheme and encrypted secrets. */
package dev.hookbridge.source;
