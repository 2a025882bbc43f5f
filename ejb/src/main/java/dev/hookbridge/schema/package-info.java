/** The database schema: versioned migrations applied at deployment. */
package dev.hookbridge.schema;
