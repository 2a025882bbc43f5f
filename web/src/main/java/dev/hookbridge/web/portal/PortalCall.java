package dev.hookbridge.web.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that a customer portal session may call. The method itself limits what it
 * reads and changes to the session's customer ({@link PortalScope}); every method without this mark
 * refuses a portal session (403), so a new operator call is closed to customers until someone opens it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PortalCall {
}
