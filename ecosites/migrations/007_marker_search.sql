-- Search keys on the marker rows and kept counts by tags (see ecosites/pgstore/markers.py
-- and ecosites/pgstore/textsearch.py). The marker rows of sites published before get their
-- search keys from the application right after this migration (``db init``).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS intarray;

-- The search keys ecosites/search.py derives for a site, computed by the application at
-- publish (the same function the file store calls), so the database can narrow a text
-- query to a few candidates that the application then ranks.
ALTER TABLE site_markers
    ADD COLUMN search_keys      text NOT NULL DEFAULT '',
    ADD COLUMN search_text      text NOT NULL DEFAULT '',
    ADD COLUMN search_en        text NOT NULL DEFAULT '',
    ADD COLUMN search_hybrid    text NOT NULL DEFAULT '',
    ADD COLUMN search_syllables text NOT NULL DEFAULT '',
    ADD COLUMN search_initials  text NOT NULL DEFAULT '',
    ADD COLUMN highlight_en     text NOT NULL DEFAULT '',
    ADD COLUMN highlight_zh     text NOT NULL DEFAULT '',
    -- The distinct two-character pieces of search_en and search_hybrid as integers, the
    -- shorter one's length, the distinct syllables and their length joined by spaces: the
    -- fuzzy tier's prefilter (ecosites/pgstore/textsearch.py).
    ADD COLUMN fuzzy_bigrams    integer[] NOT NULL DEFAULT '{}',
    ADD COLUMN fuzzy_shortest   integer NOT NULL DEFAULT 0,
    ADD COLUMN syllable_set     text[] NOT NULL DEFAULT '{}',
    ADD COLUMN syllable_chars   integer NOT NULL DEFAULT 0;
CREATE INDEX site_markers_search_keys ON site_markers USING gin (search_keys gin_trgm_ops);
CREATE INDEX site_markers_fuzzy_bigrams ON site_markers USING gin (fuzzy_bigrams gin__int_ops);

-- Kept counts by tags as well: how many sites in each cell have a tag (tag_a = tag_b), and
-- how many have both of two tags (tag_a < tag_b), so a filter on one or two tags is
-- counted from kept rows (|A or B| = |A| + |B| - |A and B|) and a site still counts once.
CREATE TABLE site_tag_cells (
    exponent smallint NOT NULL,
    cx       integer NOT NULL,
    cy       integer NOT NULL,
    tag_a    text NOT NULL,
    tag_b    text NOT NULL,
    sites    integer NOT NULL
);
CREATE INDEX site_tag_cells_lookup ON site_tag_cells (exponent, cy, cx);

CREATE OR REPLACE FUNCTION refresh_site_cells(finest integer, coarsest integer) RETURNS void LANGUAGE sql AS $$
    DELETE FROM site_cells;
    INSERT INTO site_cells (exponent, cx, cy, category, district, sites)
    SELECT e, floor(m.lon / 2.0::float8 ^ e)::integer, floor(m.lat / 2.0::float8 ^ e)::integer,
           m.category, m.district, count(*)
    FROM site_markers m, generate_series(finest, coarsest) AS e
    WHERE m.lon IS NOT NULL AND m.lat IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;
    DELETE FROM site_tag_cells;
    INSERT INTO site_tag_cells (exponent, cx, cy, tag_a, tag_b, sites)
    SELECT e, floor(m.lon / 2.0::float8 ^ e)::integer, floor(m.lat / 2.0::float8 ^ e)::integer,
           a.tag, b.tag, count(*)
    FROM site_markers m,
         LATERAL (SELECT DISTINCT tag FROM unnest(m.tags) AS tag) AS a,
         LATERAL (SELECT DISTINCT tag FROM unnest(m.tags) AS tag) AS b,
         generate_series(finest, coarsest) AS e
    WHERE m.lon IS NOT NULL AND m.lat IS NOT NULL AND a.tag <= b.tag
    GROUP BY 1, 2, 3, 4, 5;
$$;
SELECT refresh_site_cells(-6, 2);
