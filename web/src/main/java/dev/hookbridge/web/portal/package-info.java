/**
 * The customer portal's side of the API: whose a bearer token is ({@link dev.hookbridge.web.portal.PortalScope}),
 * which calls a portal session may make ({@link dev.hookbridge.web.portal.PortalCall}), and the
 * session itself ({@link dev.hookbridge.web.portal.PortalSessionResource}).
 */
package dev.hookbridge.web.portal;
