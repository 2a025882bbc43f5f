/**
 * Customers: the shop's own customers, each with the endpoints it owns; an event published for a
 * customer reaches only that customer's endpoints (docs/customers.md).
 */
package dev.hookbridge.customer;
