/**
 * The test kit of the system tests, the fault suite and the benchmark: how they sign webhooks, receive
 * outbound ones, wait for outcomes and reach the test broker's management API.
 */
package dev.hookbridge.testsupport;
