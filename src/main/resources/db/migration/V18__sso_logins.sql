-- Single sign-on: which person at which OpenID provider (its issuer and the token's subject, which
-- the provider never reuses) is which user of the application. Fixed at the person's first sign-on,
-- so a later change of name or address at the provider, or a claim someone else can choose, never
-- signs them on as another user.
create table sso_login (
    issuer        varchar(500) not null,
    subject       varchar(255) not null,
    user_id       varchar(64)  not null,
    registration  varchar(100) not null,
    first_seen_at timestamp    not null,
    last_seen_at  timestamp    not null,
    constraint sso_login_pk primary key (issuer, subject),
    constraint sso_login_user_unique unique (user_id)
);
