-- A version's features, a few thousand per row, in catalogue order: one jsonb value may
-- not exceed 1 GB, and a million features as one value are about 1.2 GB. Rows are only
-- ever added, as versions are.
CREATE TABLE version_features (
    version  integer NOT NULL REFERENCES versions (number),
    chunk    integer NOT NULL CHECK (chunk >= 0),
    features jsonb NOT NULL CHECK (jsonb_typeof(features) = 'array'),
    PRIMARY KEY (version, chunk)
);

CREATE TRIGGER version_features_are_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON version_features
    FOR EACH STATEMENT EXECUTE FUNCTION versions_are_append_only();

-- Versions published before: their features move, unchanged, to one chunk each. Dropping
-- the column is a change of schema, not of a version (the trigger guards rows).
INSERT INTO version_features (version, chunk, features) SELECT number, 0, features FROM versions;
ALTER TABLE versions DROP COLUMN features;
