package dev.hookbridge.web;

import dev.hookbridge.web.api.CatalogResource;
import dev.hookbridge.web.api.CustomerResource;
import dev.hookbridge.web.api.DeliveryResource;
import dev.hookbridge.web.api.EndpointResource;
import dev.hookbridge.web.api.EventResource;
import dev.hookbridge.web.api.EventTypeResource;
import dev.hookbridge.web.api.InboxResource;
import dev.hookbridge.web.api.OverviewResource;
import dev.hookbridge.web.api.SourceResource;
import dev.hookbridge.web.portal.PortalCallFilter;
import dev.hookbridge.web.portal.PortalSessionResource;
import dev.hookbridge.web.problem.ApplicationErrorMapper;
import dev.hookbridge.web.problem.ConstraintViolationMapper;
import dev.hookbridge.web.problem.UnexpectedErrorMapper;
import dev.hookbridge.web.security.SameOriginFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The management API under /api (docs/api.md): operators with HTTP Basic, customer portal sessions
 * with a bearer token for the calls marked {@code @PortalCall} (ApiAccessFilter, PortalCallFilter).
 */
@ApplicationPath("api")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SourceResource.class, InboxResource.class, EndpointResource.class, EventResource.class,
                DeliveryResource.class, OverviewResource.class, EventTypeResource.class, CatalogResource.class, CustomerResource.class,
                PortalSessionResource.class,
                SameOriginFilter.class, PortalCallFilter.class,
                ApplicationErrorMapper.class, ConstraintViolationMapper.class, UnexpectedErrorMapper.class, SharedJsonb.class);
    }
}
