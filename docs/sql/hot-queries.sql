-- Plans of the jdbc store's hot queries at 10 million stored rows.
-- Run: psql "postgresql://postgres@127.0.0.1:5432/test" -v ON_ERROR_STOP=1 -f docs/sql/hot-queries.sql
-- It builds the schema from the Flyway migrations in a scratch schema, fills it, and prints
-- EXPLAIN (ANALYZE, BUFFERS) for every query the service runs on a hot path. It drops the
-- scratch schema at the end.
\set ON_ERROR_STOP on
drop schema if exists plans cascade;
create schema plans;
set search_path = plans;
\i src/main/resources/db/migration/V1__update_inbox.sql
\i src/main/resources/db/migration/V2__leadership_lock.sql
\i src/main/resources/db/migration/V3__outbox.sql
\i src/main/resources/db/migration/V4__audience.sql

\echo 'filling: 10,000,000 updates (all but the last 1,000 handled)'
insert into update_inbox (update_id, payload, received_at, handled_at, outcome)
select g, '{"update_id":' || g || '}', now() - (10000000 - g) * interval '10 ms',
       case when g <= 9999000 then now() - (10000000 - g) * interval '10 ms' end,
       case when g <= 9999000 then 'handled' end
from generate_series(1, 10000000) g;

\echo 'filling: 10,000,000 notifications with one delivery each to 100,000 chats (the last 10,000 unfinished)'
insert into notification (id, client, recipient, message, parts, created_at, fingerprint, unfinished, finished_at)
select md5(g::text)::uuid, 'billing', 'chat:' || (g % 100000), '{}', '[]', now() - (10000000 - g) * interval '20 ms',
       md5(g::text), case when g > 9990000 then 1 else 0 end,
       case when g <= 9990000 then now() - (10000000 - g) * interval '20 ms' end
from generate_series(1, 10000000) g;
insert into delivery (id, notification_id, chat_id, status, attempts, created_at, updated_at, next_attempt_at, delivered_at)
select g, md5(g::text)::uuid, g % 100000, case when g > 9990000 then 'queued' else 'delivered' end, 1,
       now() - (10000000 - g) * interval '20 ms', now(), now() - (10000000 - g) * interval '20 ms',
       case when g <= 9990000 then now() end
from generate_series(1, 10000000) g;
select setval('delivery_id_seq', 10000000);
insert into chat_queue (chat_id, head_id, due_at)
select chat_id, min(id), min(next_attempt_at) from delivery where status in ('queued', 'sending') group by chat_id;

\echo 'filling: 1,000,000 idempotency keys, subject links and topic subscriptions'
insert into idempotency_key (client, key, notification_id, created_at)
select 'billing', 'key-' || g, md5(g::text)::uuid, now() - (1000000 - g) * interval '80 ms'
from generate_series(9000001, 10000000) g;
insert into subject_link (subject, chat_id) select 'user-' || g, g from generate_series(1, 1000000) g;
insert into topic_subscription (topic, chat_id) select 'topic-' || (g % 10), g from generate_series(1, 1000000) g;
analyze;

\echo '--- inbox: store a fetched batch (dropping redeliveries)'
explain (analyze, buffers, costs off) insert into update_inbox (update_id, payload)
select * from unnest(array[9999990, 10000001, 10000002]::int[], array['{}', '{}', '{}']::text[])
on conflict (update_id) do nothing returning update_id;
\echo '--- inbox: mark handled (the writer batches these)'
explain (analyze, buffers, costs off) update update_inbox set handled_at = now(), outcome = 'handled'
where update_id = any(array[9999100, 9999200, 9999300]::int[]);
\echo '--- inbox: replay the unhandled updates in order'
explain (analyze, buffers, costs off) select update_id, payload from update_inbox where handled_at is null order by update_id;
\echo '--- inbox: purge a batch of handled updates'
explain (analyze, buffers, costs off) select update_id from update_inbox
where handled_at < now() - interval '24 hours' order by handled_at limit 1000;

\echo '--- outbox: claim due chat heads'
explain (analyze, buffers, costs off) select chat_id from chat_queue
where due_at <= now() and (claimed_until is null or claimed_until < now()) order by due_at limit 1 for update skip locked;
\echo '--- outbox: the next delivery of a chat (advancing its head)'
explain (analyze, buffers, costs off) select id, next_attempt_at from delivery
where chat_id = 4242 and status in ('queued', 'sending') order by id limit 1;
\echo '--- outbox: save an attempt'
explain (analyze, buffers, costs off) update delivery set status = 'sending', updated_at = now() where id = any(array[9995000]::bigint[]);
\echo '--- outbox: when the next head is due'
explain (analyze, buffers, costs off) select min(due_at) from chat_queue where claimed_until is null or claimed_until < now();
\echo '--- outbox: depth (capacity check, metrics)'
explain (analyze, buffers, costs off) select count(*) from delivery where status in ('queued', 'sending');
\echo '--- API: a notification and its deliveries'
explain (analyze, buffers, costs off) select * from notification where id = md5('9995000')::uuid;
explain (analyze, buffers, costs off) select * from delivery where notification_id = md5('9995000')::uuid order by id;
\echo '--- API: an idempotency key'
explain (analyze, buffers, costs off) select n.* from idempotency_key k join notification n on n.id = k.notification_id
where k.client = 'billing' and k.key = 'key-9500000' and k.created_at > now() - interval '24 hours';
\echo '--- retention: a batch of finished notifications'
explain (analyze, buffers, costs off) select id from notification where finished_at < now() - interval '7 days'
order by finished_at limit 1000;
\echo '--- audience: a subject''s chats, a topic''s subscribers'
explain (analyze, buffers, costs off) select chat_id from subject_link where subject = 'user-4242' order by linked_at, chat_id;
explain (analyze, buffers, costs off) select chat_id from topic_subscription where topic = 'topic-3'
order by subscribed_at, chat_id limit 10;

drop schema plans cascade;
