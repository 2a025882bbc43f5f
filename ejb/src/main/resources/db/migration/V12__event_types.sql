-- The event-type catalog: each type's description and compatibility mode, and its versions, each with
-- a JSON Schema (draft 2020-12) that never changes once published and an example payload.
create table event_type (
    name           text primary key,
    description    text,
    group_name     text,
    deprecated     boolean not null default false,
    compatibility  text not null,
    latest_version int not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index event_type_group on event_type (group_name, name);

create table event_type_version (
    type_name  text not null references event_type (name) on delete cascade,
    version    int not null,
    schema     jsonb not null,
    example    jsonb,
    created_at timestamptz not null,
    primary key (type_name, version)
);

-- The catalogued version an outbound event was validated against; null for a type not in the catalog.
alter table event add column schema_version int;
