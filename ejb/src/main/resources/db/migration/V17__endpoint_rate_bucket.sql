-- The attempts a rate-limited endpoint may still get now, shared by every node so that
-- rateLimitPerSecond holds for the cluster, not per node: a token bucket that refills at the
-- endpoint's rate up to one second's worth. A node takes tokens for all its claimed deliveries to
-- the endpoint at once (one locked read and one update per endpoint and dispatcher pass).
create table endpoint_rate_bucket (
    endpoint_id varchar(40) primary key references endpoint (id) on delete cascade,
    tokens      double precision not null,
    refilled_at timestamptz not null
);
