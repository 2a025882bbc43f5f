-- Operator endpoints receive Hookbridge's operational events as webhooks (endpoint.failing,
-- delivery.dead, ...) and nothing else; every other endpoint receives the shop's events and never
-- an operational event.
alter table endpoint add column operator boolean not null default false;
