-- Retention (dev.hookbridge.retention): the purge picks the oldest finished rows first. Partial
-- indexes cover only the rows it may delete, so DEAD and PENDING rows cost them nothing.
create index inbox_event_processed_at on inbox_event (processed_at) where status = 'PROCESSED';
create index delivery_delivered_at on delivery (delivered_at) where status = 'DELIVERED';
-- Events are purged by age once no delivery refers to them (delivery (event_id, endpoint_id) is
-- already unique, which serves that check).
create index event_created_at on event (created_at);
