-- The portfolio's health day by day, for the workspace's "health over the last 12 months": one row
-- per day and group (segment, region, CSM, band), written by the nightly portfolio scoring, so a
-- year of a portfolio of 100,000 accounts is a few hundred thousand small rows, not a scan of every
-- account's scores. Written in the SQL that H2 (the zero-setup default) and PostgreSQL share.
create table health_snapshot (
    taken_on date           not null,
    segment  varchar(20)    not null,
    region   varchar(20)    not null,
    -- '' when the account has no CSM.
    csm_id   varchar(64)    not null,
    -- red, yellow, green, or unscored.
    band     varchar(10)    not null,
    accounts integer        not null,
    arr      numeric(16, 2) not null,
    primary key (taken_on, segment, region, csm_id, band)
);

