/** Protection of /api beyond the container's login: same-origin checks and problem-shaped refusals. */
package dev.hookbridge.web.security;
