-- What the dashboard asks for: counts over a time window, inbox filters by type and time, endpoint health.

-- Endpoint health, kept current by the outcome of every attempt (DeliveryOutcomes) instead of
-- being recounted from the attempt log on each read.
alter table endpoint add column last_success_at      timestamptz;
alter table endpoint add column last_failure_at      timestamptz;
alter table endpoint add column consecutive_failures integer not null default 0;

-- When a delivery became DEAD: "dead in the last hour" counts by it. Rows dead before this
-- migration get the time of their last attempt (or their creation when they never had one).
alter table delivery add column dead_at timestamptz;
update delivery d
   set dead_at = coalesce((select max(a.attempted_at) from delivery_attempt a where a.delivery_id = d.id), d.created_at)
 where d.status = 'DEAD';

-- Time windows: overview counts and the inbox "since/until" filter.
create index inbox_event_received_at on inbox_event (received_at);
-- Inbox filter by type (exact, or a prefix), paged by id.
create index inbox_event_type_id on inbox_event (event_type varchar_pattern_ops, id);
-- "Delivered in the window" uses V3's delivery_delivered_at (partial on status = 'DELIVERED').
create index delivery_dead_at on delivery (dead_at) where dead_at is not null;
-- Success rate of each endpoint over the last day.
create index delivery_attempt_attempted_at on delivery_attempt (attempted_at);
