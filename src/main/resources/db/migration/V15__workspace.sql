create table health_snapshot (
    day      date          not null,
    segment  varchar(20)   not null,
    region   varchar(20)   not null,
    csm_id   varchar(64)   not null,
    band     varchar(10)   not null,
    accounts integer       not null,
    arr      numeric(16, 2) not null,
    primary key (day, segment, region, csm_id, band)
);
