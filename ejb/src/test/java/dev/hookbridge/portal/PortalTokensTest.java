package dev.hookbridge.portal;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortalTokensTest {

    @Test
    void aNewTokenIsWellFormedAndNeverRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = PortalTokens.next();
            assertThat(PortalTokens.wellFormed(token)).as(token).isTrue();
            assertThat(seen.add(token)).as(token).isTrue();
        }
    }

    @Test
    void anythingElseIsNotATokenAndNeverReachesTheDatabase() {
        String token = PortalTokens.next();
        assertThat(PortalTokens.wellFormed(null)).isFalse();
        assertThat(PortalTokens.wellFormed("")).isFalse();
        assertThat(PortalTokens.wellFormed(token + "A")).isFalse();
        assertThat(PortalTokens.wellFormed(token.substring(0, token.length() - 1))).isFalse();
        assertThat(PortalTokens.wellFormed("hbx_" + token.substring(4))).isFalse();
        assertThat(PortalTokens.wellFormed(token.substring(0, 10) + "+" + token.substring(11))).isFalse();
        assertThat(PortalTokens.wellFormed(token + "\n")).isFalse();
    }

    @Test
    void theStoredDigestDiffersForTokensThatDifferInOneCharacter() {
        String token = PortalTokens.next();
        String other = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertThat(PortalTokens.sha256(token)).hasSize(32).isEqualTo(PortalTokens.sha256(token)).isNotEqualTo(PortalTokens.sha256(other));
    }
}
