-- The playbook studio's figures per step (PlaybookAnalytics' ENDED): a year of 100,000 handoffs is 1.2
-- million steps in the engine's ACT_HI_ACTINST (2.4 million rows with its gateways and events, 720
-- MB). This index holds just what those figures read, for just the rows that are steps, ordered by
-- step and duration: PostgreSQL answers from it alone (an index-only scan of about 230 MB), in step
-- order, with each step's durations already sorted for the median and the 90th percentile. Its
-- conditions are PlaybookAnalytics' word for word. On the engine's own table, so with our prefix; the
-- engine's upgrade scripts do not touch it. PostgreSQL only (INCLUDE and partial indexes): H2, the
-- zero-setup default, holds a demo's history, not a year of 100,000 accounts.
create index csp_hi_actinst_steps on ACT_HI_ACTINST (PROC_DEF_KEY_, ACT_ID_, DURATION_)
    include (END_TIME_, ACT_INST_STATE_, START_TIME_, PROC_DEF_ID_, ACT_TYPE_, ACT_NAME_)
    where lower(ACT_TYPE_) not like '%gateway'
      and lower(ACT_TYPE_) not like '%startevent'
      and lower(ACT_TYPE_) not like '%endevent'
      and ACT_TYPE_ <> 'multiInstanceBody';
