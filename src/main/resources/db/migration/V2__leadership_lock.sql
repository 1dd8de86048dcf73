-- Spring Integration's JdbcLockRegistry (schema-postgresql.sql of spring-integration-jdbc 7.x):
-- the lock that elects the one replica that polls Telegram and sends.
create table int_lock (
    lock_key      char(36)     not null,
    region        varchar(100) not null,
    client_id     char(36),
    created_date  timestamp    not null,
    expired_after timestamp    not null,
    constraint int_lock_pk primary key (lock_key, region)
);
