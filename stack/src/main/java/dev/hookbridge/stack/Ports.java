package dev.hookbridge.stack;

/**
 * The ports one stack listens on (all on 127.0.0.1). The dev run and the tests use different sets so
 * they can run side by side.
 *
 * @param wildflyOffset added to WildFly's standard ports (8080 HTTP, 9990 management)
 */
public record Ports(int wildflyOffset, int postgres, int broker, int brokerConsole) {

    public static final Ports DEV = new Ports(0, 15432, 61616, 8161);
    public static final Ports TEST = new Ports(10000, 25432, 27616, 28161);

    /** The same set moved by {@code shift} ports, for a second test run on the same machine. */
    public Ports shifted(int shift) {
        return new Ports(wildflyOffset + shift, postgres + shift, broker + shift, brokerConsole + shift);
    }

    public int http() {
        return 8080 + wildflyOffset;
    }

    public int management() {
        return 9990 + wildflyOffset;
    }
}
