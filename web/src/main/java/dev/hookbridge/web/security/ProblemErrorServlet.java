package dev.hookbridge.web.security;

import dev.hookbridge.web.problem.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The error page for what is refused before JAX-RS runs (401 no or bad login or portal token, 403
 * missing role): the same problem details as every other /api error, with the reason
 * {@link ApiAccessFilter} gave when it was the one refusing. The WWW-Authenticate header stays on
 * the response.
 */
@WebServlet("/problem")
public class ProblemErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        String title = switch (status) {
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            default -> "Error";
        };
        Object refusal = request.getAttribute(ApiAccessFilter.REFUSAL_ATTRIBUTE);
        String detail = refusal instanceof String why ? why : switch (status) {
            case 401 -> "log in with HTTP Basic as a user with role hookbridge-admin or hookbridge-viewer";
            case 403 -> "your role may not do this: changes need hookbridge-admin";
            default -> "the request failed";
        };
        Problem.of(status, title, detail).writeTo(response);
    }
}
