/** The HTTP boundary: JAX-RS resources for /webhooks and /api, problem details, and the dashboard. */
package dev.hookbridge.web;
