-- The nightly retention run deletes health scores and signals by age, across all accounts.
create index health_score_scored_at_idx on health_score (scored_at);
create index customer_signal_occurred_at_idx on customer_signal (occurred_at);
