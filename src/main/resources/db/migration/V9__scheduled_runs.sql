-- Scheduled work that runs on one node of the cluster (the nightly portfolio scoring): a node claims
-- a run by moving locked_until forward with one conditional update, which only one node can win;
-- the others see no row changed and skip it. A node that dies mid-run leaves a lock that expires.
-- A job's row is made by its first claim. Times are UTC, from the nodes' clocks.

create table scheduled_run (
    name             varchar(100) primary key,
    locked_until     timestamp    not null,
    locked_by        varchar(200) not null,
    last_started_at  timestamp    not null,
    last_finished_at timestamp
);
