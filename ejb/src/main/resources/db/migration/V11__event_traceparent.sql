-- The W3C trace context an outbound event was published in (the API request, the processing of the
-- inbound event it was routed from, ...): each delivery attempt continues that trace and sends it to
-- the receiver as its traceparent header. Null for events published before, and outside any trace.
alter table event add column traceparent text;
