package dev.hookbridge.source;

import dev.hookbridge.common.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The media types a source accepts and the largest body it takes (a source may lower the global limit). */
public record IntakeOptions(Set<String> mediaTypes, long maxBodyBytes) {

    /** JSON, and form-encoded as Slack and older providers send it. */
    public static final Set<String> DEFAULT_MEDIA_TYPES = Set.of("application/json", "application/x-www-form-urlencoded");

    static IntakeOptions from(String mediaTypes, String maxBodyBytes, long globalMaxBodyBytes) {
        Set<String> types = mediaTypes == null ? DEFAULT_MEDIA_TYPES
                : Arrays.stream(mediaTypes.split(",")).map(t -> t.trim().toLowerCase(Locale.ROOT))
                        .filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
        long limit = maxBodyBytes == null ? globalMaxBodyBytes : Math.min(Long.parseLong(maxBodyBytes), globalMaxBodyBytes);
        return new IntakeOptions(types, limit);
    }

    static void validate(String mediaTypes, String maxBodyBytes) {
        if (mediaTypes != null && Arrays.stream(mediaTypes.split(",")).map(String::trim)
                .anyMatch(t -> !t.matches("[A-Za-z0-9.+-]+/[A-Za-z0-9.+*-]+"))) {
            throw new InvalidInputException("options", "mediaTypes is a comma-separated list such as application/json");
        }
        if (maxBodyBytes != null) {
            try {
                if (Long.parseLong(maxBodyBytes) < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException("options", "maxBodyBytes must be a positive number of bytes");
            }
        }
    }

    /** Whether a request's media type (parameters such as charset ignored) is one this source takes. */
    public boolean accepts(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String bare = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaTypes.contains(bare) || mediaTypes.contains(bare.split("/", 2)[0] + "/*");
    }
}
