package dev.hookbridge.signature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a source's active secrets into HMAC keys, the way each scheme defines its key. */
final class SigningKeys {

    static final String WHSEC_PREFIX = "whsec_";

    private SigningKeys() {
    }

    /** Each secret's UTF-8 bytes, as is (a Stripe {@code whsec_} prefix included). */
    static List<byte[]> utf8(List<String> secrets) throws SignatureException {
        List<byte[]> keys = new ArrayList<>();
        for (String secret : requireSome(secrets)) {
            if (secret != null && !secret.isEmpty()) {
                keys.add(secret.getBytes(StandardCharsets.UTF_8));
            }
        }
        return requireUsable(keys);
    }

    /**
     * Each secret's base64-decoded part after {@code whsec_} (Standard Webhooks). A secret that does
     * not decode cannot produce a match and is skipped; {@code validateSecret} refuses it up front.
     */
    static List<byte[]> standardWebhooks(List<String> secrets) throws SignatureException {
        List<byte[]> keys = new ArrayList<>();
        for (String secret : requireSome(secrets)) {
            decodeStandardWebhooks(secret).ifPresent(keys::add);
        }
        return requireUsable(keys);
    }

    /** The key inside a Standard Webhooks secret, with or without its {@code whsec_} prefix. */
    static Optional<byte[]> decodeStandardWebhooks(String secret) {
        if (secret == null) {
            return Optional.empty();
        }
        String encoded = secret.startsWith(WHSEC_PREFIX) ? secret.substring(WHSEC_PREFIX.length()) : secret;
        return SignatureEncoding.BASE64.decode(encoded).filter(key -> key.length > 0);
    }

    private static List<String> requireSome(List<String> secrets) throws SignatureException {
        if (secrets == null || secrets.isEmpty()) {
            throw new SignatureException("no active secret");
        }
        return secrets;
    }

    private static List<byte[]> requireUsable(List<byte[]> keys) throws SignatureException {
        if (keys.isEmpty()) {
            throw new SignatureException("no usable secret among the active ones");
        }
        return keys;
    }
}
