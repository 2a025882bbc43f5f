/** JSON mapping shared by the features: one JSON-B instance and JPA converters for JSON columns. */
package dev.hookbridge.json;
