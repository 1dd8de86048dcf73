-- The inbox of fetched updates (the offset protocol of DESIGN.md): a batch is stored here
-- before the offset moves past it; redeliveries are dropped by update_id; updates not yet
-- handled are replayed when polling starts.
create table update_inbox (
    update_id   integer     primary key,
    payload     text        not null,
    received_at timestamptz not null default now(),
    handled_at  timestamptz,
    outcome     varchar(16)
);

-- Replay: the unhandled updates in order.
create index update_inbox_unhandled on update_inbox (update_id) where handled_at is null;

-- Retention: handled updates by age.
create index update_inbox_handled on update_inbox (handled_at) where handled_at is not null;
