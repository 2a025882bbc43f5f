package dev.hookbridge.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
            OTHER_KEY[i] = (byte) (31 - i);
        }
    }

    @Test
    void decryptsWhatItEncryptedAndNeverStoresThePlaintext() {
        SecretCipher cipher = new SecretCipher(KEY);
        String stored = cipher.encrypt("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(stored).startsWith("v1:").doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(cipher.decrypt(stored)).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void eachEncryptionUsesAFreshNonce() {
        SecretCipher cipher = new SecretCipher(KEY);
        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void aWrongKeyOrAnAlteredValueFailsInsteadOfYieldingGarbage() {
        String stored = new SecretCipher(KEY).encrypt("secret");
        assertThatThrownBy(() -> new SecretCipher(OTHER_KEY).decrypt(stored))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hookbridge.secrets.key");

        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> new SecretCipher(KEY).decrypt(altered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesKeysThatAreNot256Bits() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretCipher.fromBase64Key("not base64!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masksShowAFixedPrefixAndNoCharacterOfTheSecret() {
        assertThat(SecretCipher.mask("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo("whsec_…");
        assertThat(SecretCipher.mask("a-github-secret-of-some-length")).isEqualTo("…");
    }
}
