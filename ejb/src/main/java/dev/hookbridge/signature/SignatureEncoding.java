package dev.hookbridge.signature;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** How a scheme writes signature bytes as text; text that does not decode simply matches nothing. */
enum SignatureEncoding {

    /** Hexadecimal digits, either case. */
    HEX {
        @Override
        Optional<byte[]> decode(String text) {
            try {
                return Optional.of(HexFormat.of().parseHex(text.strip()));
            } catch (IllegalArgumentException notHex) {
                return Optional.empty();
            }
        }
    },

    /** Standard base64 (RFC 4648 §4) with padding. */
    BASE64 {
        @Override
        Optional<byte[]> decode(String text) {
            try {
                return Optional.of(Base64.getDecoder().decode(text.strip()));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
    };

    abstract Optional<byte[]> decode(String text);

    /** Reads the generic scheme's {@code encoding} option: "hex" or "base64". */
    static SignatureEncoding fromOption(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "hex" -> HEX;
            case "base64" -> BASE64;
            default -> throw new IllegalArgumentException(
                    "option 'encoding' must be hex or base64, not '" + value + "'");
        };
    }
}
