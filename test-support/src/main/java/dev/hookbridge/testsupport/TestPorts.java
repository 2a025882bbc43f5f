package dev.hookbridge.testsupport;

import dev.hookbridge.stack.Ports;

/**
 * The ports of a stack the tests, the fault suite or the benchmark start: the test ports plus the
 * caller's own offset plus {@code HOOKBRIDGE_TEST_PORT_SHIFT}, so two runs can share a machine.
 */
public final class TestPorts {

    private TestPorts() {
    }

    /** The test ports moved by {@code offset} and by {@code HOOKBRIDGE_TEST_PORT_SHIFT} when it is set. */
    public static Ports offsetBy(int offset) {
        String shift = System.getenv("HOOKBRIDGE_TEST_PORT_SHIFT");
        return Ports.TEST.shifted(offset + (shift == null ? 0 : Integer.parseInt(shift)));
    }
}
