-- How many failed attempts in a row an endpoint's latest success ended. Written by the same update
-- that resets the run, so the success that ends a run long enough to have announced
-- endpoint.failing is the one that announces endpoint.recovered, once.
alter table endpoint add column failures_before_last_success integer not null default 0;
