/** The dashboard in a real browser (headless Debian Chromium driven by Playwright) against the test stack. */
package dev.hookbridge.it.dashboard;
