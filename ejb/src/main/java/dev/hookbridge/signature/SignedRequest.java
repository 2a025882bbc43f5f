package dev.hookbridge.signature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of an HTTP request a scheme looks at: the raw body and the headers.
 *
 * <p>Header lookup is case-insensitive; the first value wins, stripped of surrounding white space,
 * and a blank value counts as absent. The body array is kept as given, not copied: signatures are
 * computed over exactly these bytes, so callers must not change it afterwards.
 */
public record SignedRequest(byte[] body, Map<String, List<String>> headers) {

    public SignedRequest {
        body = body == null ? new byte[0] : body;
        headers = caseInsensitive(headers);
    }

    /** The first value of the named header, if present and not blank. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0).strip()).filter(value -> !value.isEmpty());
    }

    /** The header a signature needs; its absence is a signature failure (401), not a malformed request. */
    public String signatureHeader(String name) throws SignatureException {
        return header(name).orElseThrow(() -> new SignatureException("no " + name + " header"));
    }

    /** Names the body's size and the header names only, so that logging a request leaks nothing. */
    @Override
    public String toString() {
        return "SignedRequest[body=" + body.length + " bytes, headers=" + headers.keySet() + "]";
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    List<String> merged = byName.computeIfAbsent(name, key -> new ArrayList<>());
                    values.stream().filter(Objects::nonNull).forEach(merged::add);
                }
            });
        }
        byName.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(byName);
    }
}
