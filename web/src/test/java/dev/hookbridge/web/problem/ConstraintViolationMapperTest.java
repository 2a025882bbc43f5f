package dev.hookbridge.web.problem;

import dev.hookbridge.common.ListOrder;
import dev.hookbridge.source.SourceDefinition;
import dev.hookbridge.web.api.IsoDuration;
import dev.hookbridge.web.api.IsoInstant;
import dev.hookbridge.web.api.PageLimit;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The field a 400 names for a broken constraint of a resource method, as the API's callers know it. */
class ConstraintViolationMapperTest {

    private static final ExecutableValidator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator().forExecutables();

    public static class Resource {
        public void list(@QueryParam("limit") @PageLimit String limit, @QueryParam("since") @IsoInstant String since,
                         @QueryParam("window") @IsoDuration String window,
                         @QueryParam("order") @Pattern(regexp = ListOrder.PATTERN, message = ListOrder.RULE) String order) {
        }

        public void put(@PathParam("name") @Pattern(regexp = SourceDefinition.NAME_PATTERN, message = SourceDefinition.NAME_RULE) String name,
                        @HeaderParam("Idempotency-Key") @NotNull String key,
                        @NotNull(message = "must be a JSON source definition") @Valid SourceDefinition definition) {
        }
    }

    /** What a CDI proxy of a resource looks like: overriding methods without the JAX-RS annotations. */
    public static class Proxy extends Resource {
        @Override
        public void list(String limit, String since, String window, String order) {
        }
    }

    @Test
    void queryParametersAreNamedAsInTheQuery() {
        assertThat(listed("20", "2026-01-31T12:00:00Z", "PT1H", "oldest")).isEmpty();
        assertThat(listed(null, " ", "", " Newest ")).isEmpty();
        for (String limit : List.of("0", "501", "abc", "-1", "1.5")) {
            assertThat(listed(limit, null, null, null)).as(limit).containsExactly("limit: limit must be a whole number between 1 and 500");
        }
        assertThat(listed(null, "yesterday", null, null))
                .containsExactly("since: since must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        assertThat(listed(null, "2026-13-01T00:00:00Z", null, null)).singleElement().asString().startsWith("since: ");
        assertThat(listed(null, null, "one-hour", null))
                .containsExactly("window: window must be an ISO-8601 duration such as PT1H or P1D");
        assertThat(listed(null, null, null, "latest")).containsExactly("order: order must be newest (the default) or oldest");
    }

    @Test
    void aProxiedResourceIsNamedByTheClassItProxies() throws NoSuchMethodException {
        assertThat(describe(VALIDATOR.validateParameters(new Proxy(), listMethod(Proxy.class), new Object[] {"0", null, null, null})))
                .containsExactly("limit: limit must be a whole number between 1 and 500");
    }

    @Test
    void theBodyIsNamedByItsMemberOrAsBody() throws NoSuchMethodException {
        Method put = Resource.class.getMethod("put", String.class, String.class, SourceDefinition.class);
        SourceDefinition noSecrets = new SourceDefinition("github", List.of(), null, null, null);

        assertThat(describe(VALIDATOR.validateParameters(new Resource(), put, new Object[] {"demo", "k", noSecrets})))
                .containsExactly("secrets: secrets must hold at least one secret");
        assertThat(describe(VALIDATOR.validateParameters(new Resource(), put, new Object[] {"demo", "k", null})))
                .containsExactly("body: body must be a JSON source definition");
        assertThat(describe(VALIDATOR.validateParameters(new Resource(), put, new Object[] {"Bad Name", null, noSecrets})))
                .containsExactlyInAnyOrder("name: name " + SourceDefinition.NAME_RULE, "Idempotency-Key: Idempotency-Key must not be null",
                        "secrets: secrets must hold at least one secret");
    }

    private static Set<String> listed(String limit, String since, String window, String order) {
        try {
            return describe(VALIDATOR.validateParameters(new Resource(), listMethod(Resource.class), new Object[] {limit, since, window, order}));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Method listMethod(Class<?> type) throws NoSuchMethodException {
        return type.getMethod("list", String.class, String.class, String.class, String.class);
    }

    private static <T> Set<String> describe(Set<ConstraintViolation<T>> violations) {
        return violations.stream().map(v -> ConstraintViolationMapper.field(v) + ": " + ConstraintViolationMapper.detail(v))
                .collect(Collectors.toSet());
    }
}
