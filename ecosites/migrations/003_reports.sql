-- Public problem reports (see ecosites/reports.py): never part of the catalogue itself.
-- No column holds anything about who sent a report.
CREATE TABLE problem_reports (
    entry     bigserial PRIMARY KEY,  -- insertion order: the order staff read them in
    report_id text NOT NULL UNIQUE,
    site_id   text NOT NULL,
    kind      text NOT NULL,
    text      text NOT NULL,
    time      timestamptz NOT NULL,
    done_by   text NOT NULL DEFAULT '',
    done_time timestamptz
);
CREATE INDEX problem_reports_time ON problem_reports (time);
