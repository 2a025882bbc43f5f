/** Encryption of stored secrets with a key from configuration. */
package dev.hookbridge.crypto;
