/**
 * Inbound webhook signatures: verifies a provider's HMAC over the raw request bytes (Stripe, GitHub,
 * Slack, Standard Webhooks, or a configurable generic HMAC) and names the event it carries (the id
 * used for de-duplication and the type). Plain Java, no container: the inbound boundary builds a
 * {@link dev.hookbridge.signature.SignedRequest}, picks the source's scheme with
 * {@link dev.hookbridge.signature.SignatureSchemes#create}, and maps
 * {@link dev.hookbridge.signature.SignatureException} to 401 and
 * {@link dev.hookbridge.signature.MalformedPayloadException} to 400.
 */
package dev.hookbridge.signature;
