-- The staff sign-in throttle, shared by every replica (see ecosites/staffauth.py).
-- Times are wall-clock seconds (Unix time), so every host counts the same waits.
CREATE TABLE throttle (
    key          text PRIMARY KEY,
    failures     integer NOT NULL DEFAULT 0,
    locked_until double precision NOT NULL DEFAULT 0,
    last_failure double precision
);
