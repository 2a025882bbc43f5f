/**
 * The customer portal's sessions: a short-lived bearer token, opened by the shop for one customer,
 * that the API accepts for that customer's own endpoints and deliveries (docs/customers.md, "Portal").
 */
package dev.hookbridge.portal;
