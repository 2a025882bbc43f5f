package dev.hookbridge.web.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;

/**
 * Answers a broken Jakarta Validation constraint of a request like any other invalid input: 400
 * naming the field (docs/api.md, "Problem details"). The field is the query, path or header
 * parameter's name, the body's member (the first one below the body), or {@code body} for the body
 * itself. When several are broken, the answer names one, the same one every time.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    static final String BODY = "body";

    private final UnexpectedErrorMapper unexpected = new UnexpectedErrorMapper();

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Invalid> invalid = e.getConstraintViolations().stream().map(ConstraintViolationMapper::invalid)
                .sorted(Comparator.comparing(Invalid::field).thenComparing(Invalid::detail)).toList();
        if (invalid.isEmpty() || invalid.stream().anyMatch(i -> i.field() == null)) {
            // A method's answer broke a constraint: the server's fault, not the request's.
            return unexpected.toResponse(e);
        }
        Invalid first = invalid.get(0);
        return Problem.invalidInput(first.field(), first.detail()).toResponse().build();
    }

    private record Invalid(String field, String detail) {
    }

    private static Invalid invalid(ConstraintViolation<?> violation) {
        return new Invalid(field(violation), detail(violation));
    }

    /** The constraint's message says what the field must be: "limit must be …". */
    static String detail(ConstraintViolation<?> violation) {
        return field(violation) + " " + violation.getMessage();
    }

    /** The request's name for what broke the constraint; null for a return value. */
    static String field(ConstraintViolation<?> violation) {
        Path.MethodNode method = null;
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return null;
            }
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER && method != null) {
                parameter = requestName(violation.getRootBeanClass(), method, node.as(Path.ParameterNode.class).getParameterIndex());
            } else if (node.getKind() == ElementKind.PROPERTY) {
                // Record components carry the names of the JSON members they are bound from.
                return node.getName();
            }
        }
        return parameter == null ? BODY : parameter;
    }

    /** The name of a resource method's query, path or header parameter; the body has none. */
    private static String requestName(Class<?> resource, Path.MethodNode node, int index) {
        Class<?>[] types = node.getParameterTypes().toArray(Class<?>[]::new);
        // The resource may be a CDI proxy, whose overriding methods carry no annotations.
        for (Class<?> type = resource; type != null; type = type.getSuperclass()) {
            try {
                Method method = type.getDeclaredMethod(node.getName(), types);
                for (Annotation annotation : method.getParameterAnnotations()[index]) {
                    if (annotation instanceof QueryParam query) {
                        return query.value();
                    }
                    if (annotation instanceof PathParam path) {
                        return path.value();
                    }
                    if (annotation instanceof HeaderParam header) {
                        return header.value();
                    }
                }
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        return BODY;
    }
}
