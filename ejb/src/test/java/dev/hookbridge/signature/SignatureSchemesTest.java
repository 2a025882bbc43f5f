package dev.hookbridge.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureSchemesTest {

    @Test
    void namesEveryScheme() {
        assertThat(SignatureSchemes.names()).containsExactly("stripe", "github", "slack", "standard", "hmac");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stripe", "github", "slack", "standard"})
    void buildsTheFixedSchemesWithoutOptions(String name) {
        assertThat(SignatureSchemes.create(name, null).name()).isEqualTo(name);
        assertThat(SignatureSchemes.create(name, Map.of()).name()).isEqualTo(name);
    }

    @Test
    void buildsTheGenericScheme() {
        SignatureScheme scheme = SignatureSchemes.create("hmac", Map.of("header", "X-Sig", "eventIdField", "/id"));

        assertThat(scheme.name()).isEqualTo("hmac");
    }

    @Test
    void refusesAnUnknownScheme() {
        assertThatThrownBy(() -> SignatureSchemes.create("paypal", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'paypal'")
                .hasMessageContaining("stripe, github, slack, standard, hmac");
        assertThatThrownBy(() -> SignatureSchemes.create(null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOptionsForASchemeThatTakesNone() {
        assertThatThrownBy(() -> SignatureSchemes.create("stripe", Map.of("header", "X-Sig")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option 'header' for scheme 'stripe' (it takes none)");
    }

    @Test
    void refusesAnEmptySecretForEveryScheme() {
        for (String name : new String[] {"stripe", "github", "slack", "standard"}) {
            assertThatThrownBy(() -> SignatureSchemes.create(name, null).validateSecret(""))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
