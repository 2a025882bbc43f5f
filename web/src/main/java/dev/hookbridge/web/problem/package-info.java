/** RFC 9457 problem details for every error answer of /api and /webhooks. */
package dev.hookbridge.web.problem;
