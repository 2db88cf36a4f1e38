-- The trigger the application ships: "quiet churn", an account sliding from green to yellow while its
-- usage falls (a customer drifting away without complaining), which starts bpmn/quiet-churn.bpmn. It
-- is data like any trigger a CS manager declares: they may change its numbers or disable it.
insert into playbook_trigger (name, message, segments, enabled, created_by, created_at, updated_by, updated_at)
values ('Quiet churn', 'QuietChurn', '', true, 'cs-playbooks', current_timestamp, 'cs-playbooks', current_timestamp);

insert into playbook_trigger_condition (trigger_id, seq, kind, band)
select id, 0, 'health-band', 'yellow' from playbook_trigger where message = 'QuietChurn';
insert into playbook_trigger_condition (trigger_id, seq, kind, percent_down, days)
select id, 1, 'usage-drop', 20, 30 from playbook_trigger where message = 'QuietChurn';
