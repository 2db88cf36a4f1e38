-- What the application writes back to the CRM a customer came from: one row per account and CRM,
-- made when the CRM's closed deal creates or joins the account (its record id there), marked pending
-- whenever the facts the CRM shows change (health, CSM, lifecycle stage, renewal) and sent by the
-- write-back worker. A pending row is one send, whatever number of changes it gathered; the facts
-- are read when it is sent, so the latest win.
create table crm_write_back (
    account_id      bigint        not null references account (id),
    crm             varchar(20)   not null,
    record_id       varchar(100)  not null,
    state           varchar(10)   not null,
    version         integer       default 0 not null,
    requested_at    timestamp,
    next_attempt_at timestamp,
    attempts        integer       default 0 not null,
    sent_facts      varchar(2000),
    sent_at         timestamp,
    last_status     integer,
    last_error      varchar(1000),
    linked_at       timestamp     not null,
    constraint crm_write_back_pk primary key (account_id, crm),
    constraint crm_write_back_crm_check check (crm in ('salesforce', 'hubspot')),
    constraint crm_write_back_state_check check (state in ('idle', 'pending', 'failed'))
);
create index crm_write_back_due_idx on crm_write_back (state, next_attempt_at);
