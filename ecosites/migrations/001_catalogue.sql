-- The catalogue in PostgreSQL + PostGIS (see ecosites/pgstore/).
-- Applied once, inside one transaction, by `python -m ecosites db init`.

CREATE EXTENSION IF NOT EXISTS postgis;

-- Every published state of the catalogue; rows are only ever added.
CREATE TABLE versions (
    number     integer PRIMARY KEY CHECK (number > 0),
    time       timestamptz NOT NULL,
    author     text NOT NULL,
    action     text NOT NULL,
    sha256     text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    site_count integer NOT NULL CHECK (site_count >= 0),
    note       text NOT NULL DEFAULT '',
    features   jsonb NOT NULL CHECK (jsonb_typeof(features) = 'array')
);

CREATE FUNCTION versions_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'catalogue versions are append-only: publish a new version instead';
END
$$;

CREATE TRIGGER versions_are_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON versions
    FOR EACH STATEMENT EXECUTE FUNCTION versions_are_append_only();

-- The one row saying which version is current (NULL: nothing published yet). Publishers
-- lock it with SELECT ... FOR UPDATE, so publishes happen one after another.
CREATE TABLE head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    number    integer REFERENCES versions (number)
);
INSERT INTO head (singleton, number) VALUES (true, NULL);

-- The current version's sites, one row each, for spatial and attribute queries.
CREATE TABLE sites (
    position integer PRIMARY KEY,
    id       text NOT NULL,
    feature  jsonb NOT NULL,
    geom     geometry(Geometry, 4326)
);
CREATE INDEX sites_id ON sites (id);
CREATE INDEX sites_geom ON sites USING gist (geom);

-- Everything staff did (sign-in, sign-out, publish, rollback, ...), oldest first.
CREATE TABLE audit (
    entry   bigserial PRIMARY KEY,
    time    timestamptz NOT NULL,
    author  text NOT NULL,
    action  text NOT NULL,
    details jsonb NOT NULL DEFAULT '{}'::jsonb
);
