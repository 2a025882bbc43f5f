package dev.hookbridge.common;

/**
 * The JNDI name of the XA datasource the inbox and outbox live in, for the code that looks it up
 * itself. {@code hookbridge-install.cli} creates it and {@code persistence.xml} names it, neither of
 * which can read a Java constant.
 */
public final class Datasource {

    public static final String JNDI_NAME = "java:jboss/datasources/HookbridgeDS";

    private Datasource() {
    }
}
