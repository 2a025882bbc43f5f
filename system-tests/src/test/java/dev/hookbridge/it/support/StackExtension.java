package dev.hookbridge.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Makes sure the test stack runs before a test class starts (and before Arquillian connects to WildFly). */
public class StackExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        // In-container tests run this too, inside WildFly, where the stack is what runs them.
        if (System.getProperty("hookbridge.stack.ear") != null) {
            TestStack.get();
        }
    }
}
