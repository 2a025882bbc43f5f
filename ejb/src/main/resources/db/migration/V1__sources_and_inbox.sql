-- Inbound sources (provider configurations) and the inbox of accepted inbound webhooks.

create table source (
    name               varchar(100) primary key,
    scheme             varchar(20)  not null,
    -- Secrets are stored encrypted (AES-GCM, key from configuration), a JSON array with one ciphertext per active secret.
    secrets_encrypted  text         not null,
    tolerance_seconds  integer      not null default 300,
    ordering_key       varchar(500),
    options            text         not null default '{}',
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);

create table inbox_event (
    id              bigserial    primary key,
    source          varchar(100) not null,
    event_id        varchar(500) not null,
    event_type      varchar(500),
    status          varchar(16)  not null,
    body            bytea        not null,
    body_sha256     bytea        not null,
    content_type    varchar(255),
    headers         text         not null,
    received_at     timestamptz  not null,
    processed_at    timestamptz,
    attempts        integer      not null default 0,
    last_error      text,
    -- Later deliveries of the same (source, event id) whose body differed: answered as duplicates, counted for ops.
    conflicts       integer      not null default 0,
    -- The deduplication key: one row per provider event, whatever the number of retries or racing requests.
    constraint inbox_event_source_event_id unique (source, event_id),
    constraint inbox_event_status check (status in ('RECEIVED', 'PROCESSED', 'DEAD'))
);

-- The inbox list filters by source and/or status and pages by id.
create index inbox_event_source_id on inbox_event (source, id);
create index inbox_event_status_id on inbox_event (status, id);
