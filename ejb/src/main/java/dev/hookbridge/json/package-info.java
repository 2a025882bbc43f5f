/**
 * JSON shared by the features: one JSON-B instance, one JSON-P provider, and the converter of the
 * inbox's headers column (the jsonb columns of sources and endpoints are mapped by Hibernate).
 */
package dev.hookbridge.json;
