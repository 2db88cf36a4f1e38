-- The renewal forecast in money (issue 30) reads each renewal's forecast category as it stood at a
-- moment: one index probe per renewal instead of a scan of every category ever given.
create index renewal_forecast_renewal_idx on renewal_forecast (renewal_id, updated_at);
