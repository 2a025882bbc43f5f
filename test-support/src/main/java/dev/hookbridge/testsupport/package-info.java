/**
 * The test kit of the system tests, the fault suite and the benchmark: how they sign webhooks, receive
 * outbound ones, wait for outcomes, reach the test broker's management API and read a node's
 * {@code /metrics}.
 */
package dev.hookbridge.testsupport;
