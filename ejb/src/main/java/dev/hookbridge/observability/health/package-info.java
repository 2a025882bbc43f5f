/**
 * Readiness checks served by the microprofile-health-smallrye subsystem at
 * {@code :9990/health/ready} (docs/operations.md, "Health"). This package is built into a jar of its
 * own ({@code hookbridge-ejb-*-health.jar}) that the EAR carries in {@code lib/}, not into the EJB
 * module: in an EAR, WildFly 39 looks the checks up from the EAR's root bean archive, which sees
 * the beans of {@code lib/} jars but not those of the EJB or web module (checks there are silently
 * ignored; WFLY-12835). So these classes use nothing of the EJB module at run time: the JNDI names
 * below are compile-time constants.
 */
package dev.hookbridge.observability.health;
