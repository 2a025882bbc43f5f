/** The management API resources under /api (docs/api.md). */
package dev.hookbridge.web.api;
