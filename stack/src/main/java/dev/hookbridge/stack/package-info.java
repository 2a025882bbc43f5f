/**
 * The production topology on one machine, as real processes: PostgreSQL, the standalone Artemis
 * broker made from {@code artemis-config/}, and WildFly with the EAR. Used by the dev run and the tests.
 */
package dev.hookbridge.stack;
