package dev.hookbridge.web;

import dev.hookbridge.web.problem.ApplicationErrorMapper;
import dev.hookbridge.web.problem.UnexpectedErrorMapper;
import dev.hookbridge.web.webhooks.WebhookResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The public inbound endpoints under /webhooks: no login, every request verified by its signature. */
@ApplicationPath("webhooks")
public class WebhooksApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(WebhookResource.class, ApplicationErrorMapper.class, UnexpectedErrorMapper.class, SharedJsonb.class);
    }
}
