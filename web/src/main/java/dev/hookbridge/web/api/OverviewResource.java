package dev.hookbridge.web.api;

import dev.hookbridge.overview.Overview;
import dev.hookbridge.overview.OverviewService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;

/** {@code /api/overview?window=PT1H&bucket=PT5M}: counts over the last window, in buckets, for the dashboard. */
@Path("overview")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OverviewResource {

    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    @EJB
    OverviewService overview;

    @GET
    public Overview get(@QueryParam("window") @IsoDuration String window, @QueryParam("bucket") @IsoDuration String bucket) {
        Duration span = QueryValues.duration(window);
        return overview.overview(span == null ? DEFAULT_WINDOW : span, QueryValues.duration(bucket));
    }
}
