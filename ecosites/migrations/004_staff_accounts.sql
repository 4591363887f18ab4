-- Staff accounts (see ecosites/staffauth.py): one row per member of staff, the password
-- only as an argon2id hash made by the application.
CREATE TABLE staff_account (
    name          text PRIMARY KEY,
    password_hash text NOT NULL,
    changed       timestamptz NOT NULL DEFAULT now()
);
