-- Conditions that raise an operational event when they begin (the inbound DLQ holding messages, the
-- outbound backlog growing old): one row each, flipped by a conditional update, so that of all the
-- nodes watching the same condition exactly one announces its beginning.
create table operational_condition (
    name         text        primary key,
    active       boolean     not null default false,
    changed_at   timestamptz
);
