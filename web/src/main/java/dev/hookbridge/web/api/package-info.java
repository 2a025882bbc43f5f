/** The management API resources under /api (CONTRACT §4). */
package dev.hookbridge.web.api;
