-- Sessions of the customer portal: a bearer token that opens one customer's data until it expires.
-- Only the token's SHA-256 is kept, so a copy of this table opens no portal. A deleted customer's
-- sessions go with it.
create table portal_session (
    token_sha256 bytea primary key,
    customer_id  text not null references customer (id) on delete cascade,
    created_at   timestamptz not null,
    expires_at   timestamptz not null
);
create index portal_session_expires on portal_session (expires_at);
