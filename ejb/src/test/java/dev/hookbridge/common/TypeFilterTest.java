package dev.hookbridge.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeFilterTest {

    @Test
    void anExactTypeIsNoPrefix() {
        TypeFilter exact = TypeFilter.parse("order.created");

        assertThat(exact.isPrefix()).isFalse();
        assertThat(exact.text()).isEqualTo("order.created");
    }

    @Test
    void aPrefixMatchesByLikeWithItsOwnWildcardsEscaped() {
        assertThat(TypeFilter.parse("audit.*").likePattern()).isEqualTo("audit.%");
        assertThat(TypeFilter.parse("a_b%c!*").likePattern()).isEqualTo("a!_b!%c!!%");
        assertThat(TypeFilter.parse("*").likePattern()).isEqualTo("%");
    }

    @Test
    void noFilterIsNull() {
        assertThat(TypeFilter.parse(null)).isNull();
        assertThat(TypeFilter.parse(" ")).isNull();
    }

    @Test
    void aStarAnywhereButTheEndIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> TypeFilter.parse("a*.b")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("prefix ending in *");
    }
}
