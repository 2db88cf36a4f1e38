-- Which way each playbook went at its gateways: the engine's history records the steps an account
-- passed, not the sequence flows it took, so a gateway's path shares on the studio's diagram would
-- otherwise be guessed from the steps after it (wrong where paths meet again or loop). One row per
-- flow taken out of a gateway, written in the engine's transaction by PlaybookPaths. Written in the
-- SQL that H2 (the zero-setup default) and PostgreSQL share.
create table playbook_path (
    process_definition_key varchar(255) not null,
    process_definition_id  varchar(64)  not null,
    process_instance_id    varchar(64)  not null,
    gateway_id             varchar(255) not null,
    flow_id                varchar(255) not null,
    taken_at               timestamp    not null
);
-- The studio counts each flow's rows of a period from this index alone.
create index playbook_path_flows_idx on playbook_path (process_definition_key, gateway_id, flow_id, taken_at);
create index playbook_path_instance_idx on playbook_path (process_instance_id);
