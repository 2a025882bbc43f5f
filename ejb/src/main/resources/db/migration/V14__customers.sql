-- Customers of the shop, by the shop's own id. An endpoint belongs to at most one customer; an event
-- published for a customer names it and reaches only that customer's endpoints (found by the index).
create table customer (
    id         text primary key,
    name       text,
    metadata   jsonb,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

alter table endpoint add column customer_id text references customer (id);
create index endpoint_customer on endpoint (customer_id);

-- No foreign key: an event's history outlives its customer.
alter table event add column customer_id text;
