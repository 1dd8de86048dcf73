-- The notification outbox (package delivery).
create table notification (
    id              uuid         primary key,
    client          varchar(64)  not null,
    recipient       varchar(200) not null,
    message         text         not null,   -- the OutgoingMessage as JSON
    parts           text         not null,   -- the texts of its Telegram messages, a JSON array
    created_at      timestamptz  not null,
    idempotency_key varchar(255),
    fingerprint     char(64)     not null,
    unfinished      integer      not null,   -- deliveries not delivered or failed yet
    finished_at     timestamptz
);
-- Retention: finished notifications by age.
create index notification_finished on notification (finished_at) where finished_at is not null;

-- Idempotency keys, remembered for gateway.delivery.idempotency-ttl.
create table idempotency_key (
    client          varchar(64)  not null,
    key             varchar(255) not null,
    notification_id uuid         not null,
    created_at      timestamptz  not null,
    primary key (client, key)
);
create index idempotency_key_created on idempotency_key (created_at);

-- One delivery per notification and chat; id is the order of acceptance.
create table delivery (
    id                 bigserial    primary key,
    notification_id    uuid         not null references notification (id) on delete cascade,
    chat_id            bigint       not null,
    status             varchar(16)  not null,
    attempts           integer      not null default 0,
    parts_sent         integer      not null default 0,
    message_ids        text         not null default '[]',
    last_error         text,
    possible_duplicate boolean      not null default false,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    next_attempt_at    timestamptz  not null,
    delivered_at       timestamptz
);
create index delivery_notification on delivery (notification_id);
-- A chat's next delivery, and the outbox's depth.
create index delivery_unfinished on delivery (chat_id, id) where status in ('queued', 'sending');

-- One row per chat with unfinished deliveries: its head, when the head is due, and until
-- when a sender holds it. Senders claim rows with FOR UPDATE SKIP LOCKED; enqueueing to a
-- chat and advancing its head both lock the row, so neither can miss the other.
create table chat_queue (
    chat_id       bigint      primary key,
    head_id       bigint      not null,
    due_at        timestamptz not null,
    claimed_until timestamptz
);
create index chat_queue_due on chat_queue (due_at);
