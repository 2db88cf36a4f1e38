-- A health model for one segment (issue 30): a segment's own live model scores its accounts; a model
-- without a segment scores every segment that has none of its own. A shadow model of a segment scores
-- only that segment's accounts.
alter table health_model add column segment varchar(20);
