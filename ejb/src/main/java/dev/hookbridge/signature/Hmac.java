package dev.hookbridge.signature;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Computes an HMAC over content given in parts and checks received signatures against it in constant time. */
final class Hmac {

    static final Hmac SHA_256 = new Hmac("HmacSHA256");
    static final Hmac SHA_512 = new Hmac("HmacSHA512");

    private final String algorithm;

    private Hmac(String algorithm) {
        this.algorithm = algorithm;
    }

    /** The HMAC of the parts, concatenated, under a non-empty key. */
    byte[] compute(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256 and HmacSHA512: this is a broken JVM.
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /**
     * Passes when the HMAC under any key equals any candidate signature. Comparison is on decoded
     * bytes with {@link MessageDigest#isEqual}, which takes the same time wherever they differ.
     */
    void requireMatch(List<byte[]> keys, List<byte[]> candidates, byte[]... parts)
            throws SignatureException {
        for (byte[] key : keys) {
            byte[] expected = compute(key, parts);
            for (byte[] candidate : candidates) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return;
                }
            }
        }
        throw new SignatureException("no signature matched");
    }

    @Override
    public String toString() {
        return algorithm;
    }
}
