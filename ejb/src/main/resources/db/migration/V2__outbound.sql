-- Outbound webhooks: endpoints, events (the transactional outbox), deliveries and their attempts.

create table endpoint (
    id                  varchar(40)  primary key,
    url                 text         not null,
    event_types         text         not null,            -- JSON array: exact types or "prefix*"
    sources             text         not null default '[]',-- JSON array: inbound sources this endpoint receives
    description         text,
    enabled             boolean      not null,
    disabled_reason     text,
    -- Encrypted (AES-GCM). During a rotation the previous secret keeps signing until it expires.
    secret_encrypted    text         not null,
    previous_secret_encrypted  text,
    previous_secret_expires_at timestamptz,
    rate_limit_per_second integer,
    headers             text         not null default '{}',
    failing_since       timestamptz,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);

create table event (
    id               varchar(255) primary key,
    -- The polling order: the writing transaction's id, then a sequence inside it. Rows are only
    -- listed once every transaction that could still add a smaller key has ended (see EventQueries).
    tx_id            xid8         not null default pg_current_xact_id(),
    seq              bigserial    not null,
    type             varchar(500) not null,
    data             text         not null,
    source           varchar(100),
    idempotency_key  varchar(255) unique,
    request_sha256   bytea,
    created_at       timestamptz  not null
);
create unique index event_polling_order on event (tx_id, seq);
create index event_type_order on event (type, tx_id, seq);

create table delivery (
    id                bigserial    primary key,
    event_id          varchar(255) not null references event (id),
    endpoint_id       varchar(40)  not null,
    status            varchar(16)  not null,
    attempts          integer      not null default 0,
    next_attempt_at   timestamptz  not null,
    -- A dispatcher owns a claimed delivery until then; a node that died loses it after the lease.
    claimed_until     timestamptz,
    last_status_code  integer,
    last_error        text,
    created_at        timestamptz  not null,
    delivered_at      timestamptz,
    constraint delivery_status check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    constraint delivery_once_per_endpoint unique (event_id, endpoint_id)
);
-- What the dispatcher claims: only pending rows are indexed, so old delivered/dead rows cost nothing.
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_endpoint on delivery (endpoint_id, id);
create index delivery_status_id on delivery (status, id);

create table delivery_attempt (
    id                bigserial    primary key,
    delivery_id       bigint       not null references delivery (id),
    attempted_at      timestamptz  not null,
    status_code       integer,
    latency_ms        integer      not null,
    response_excerpt  text,
    error             text
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id, id);
