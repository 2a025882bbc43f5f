-- Endpoints may pin catalogued event types to a version ({"invoice.paid": 1}); an event then carries a
-- payload of each other version its publisher gave, and each delivery names the version it delivers
-- (null: the event's own).
alter table endpoint add column event_versions jsonb;

create table event_payload (
    event_id text not null references event (id) on delete cascade,
    version  int not null,
    data     jsonb not null,
    primary key (event_id, version)
);

alter table delivery add column schema_version int;
