-- "At most one running onboarding (or QBR cycle) per account" is this table's primary key: a start
-- claims the row in its own transaction, so two starts at once, on one node or two, give one
-- playbook. The row goes when the playbook ends.

create table running_playbook (
    playbook            varchar(100) not null,
    business_key        varchar(100) not null,
    process_instance_id varchar(64),
    claimed_at          timestamp    not null,
    constraint running_playbook_pk primary key (playbook, business_key)
);
create index running_playbook_instance_idx on running_playbook (process_instance_id);
