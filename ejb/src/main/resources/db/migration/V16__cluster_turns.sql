-- Jobs that one node at a time runs for the whole cluster (retention, the stranded-event rescue):
-- the node whose timer fires first takes the job's turn until next_at, and the other nodes skip their
-- runs meanwhile. If that node stops, the turn lapses and the next node to fire takes it.
create table cluster_turn (
    job      text primary key,
    node     text not null,
    taken_at timestamptz not null,
    next_at  timestamptz not null,
    turns    bigint not null default 1
);
