-- Who receives notifications (package audience).
create table subject_link (
    subject   varchar(128) not null,
    chat_id   bigint       not null,
    linked_at timestamptz  not null default now(),
    primary key (subject, chat_id)
);
create index subject_link_chat on subject_link (chat_id);

-- One-time link tokens: only a SHA-256 hash of each token is stored.
create table link_token (
    token_hash char(64)     primary key,
    subject    varchar(128) not null,
    expires_at timestamptz  not null
);
create index link_token_expires on link_token (expires_at);

create table topic_subscription (
    topic         varchar(64) not null,
    chat_id       bigint      not null,
    subscribed_at timestamptz not null default now(),
    primary key (topic, chat_id)
);
create index topic_subscription_chat on topic_subscription (chat_id);

-- Chats that do not accept messages now (blocked, kicked, deactivated).
create table chat_state (
    chat_id bigint      primary key,
    reason  text        not null,
    since   timestamptz not null default now()
);
