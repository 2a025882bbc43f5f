package dev.hookbridge.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for storage with AES-256-GCM; each ciphertext carries its own random nonce and
 * is authenticated, so a tampered or foreign value fails to decrypt instead of yielding garbage.
 */
public final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String VERSION_PREFIX = "v1:";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] keyBytes) {
        if (keyBytes.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 32 bytes (256 bits), base64-encoded");
        }
        this.key = new SecretKeySpec(keyBytes.clone(), "AES");
    }

    /** Parses a base64-encoded 256-bit key as found in configuration. */
    public static SecretCipher fromBase64Key(String base64Key) {
        try {
            return new SecretCipher(Base64.getDecoder().decode(base64Key.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hookbridge.secrets.key must be 32 random bytes in base64: " + e.getMessage());
        }
    }

    public String encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION_PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String decrypt(String stored) {
        if (!stored.startsWith(VERSION_PREFIX)) {
            throw new IllegalStateException("stored secret is not in a format this version can read");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(VERSION_PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Wrong key or altered ciphertext: say so without revealing anything about the value.
            throw new IllegalStateException("a stored secret could not be decrypted: is hookbridge.secrets.key the key it was stored with?", e);
        }
    }

    /**
     * What API answers show of a secret: its kind's fixed prefix ({@code whsec_}) and an ellipsis,
     * never a character of the secret itself.
     */
    public static String mask(String secret) {
        return (secret.startsWith("whsec_") ? "whsec_" : "") + "…";
    }
}
