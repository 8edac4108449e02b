-- +goose Up
-- Dashboards fold an imported aggregate for one procedure into the event
-- figures by reading the event rows it covers (measure/fold.go): by
-- procedure and month, which neither the primary key (month first, then
-- unit) nor the unit and province indexes serve for a national line.
CREATE INDEX measure_monthly_procedure ON measure_monthly(procedure_code, month);

-- +goose Down
DROP INDEX measure_monthly_procedure;
