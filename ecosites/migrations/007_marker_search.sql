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

-- Kept counts by tags as well: a row per set of tags, so a tag filter sums the rows whose
-- set overlaps it and a site with two wanted tags still counts once.
ALTER TABLE site_cells ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
CREATE OR REPLACE FUNCTION refresh_site_cells(finest integer, coarsest integer) RETURNS void LANGUAGE sql AS $$
    DELETE FROM site_cells;
    INSERT INTO site_cells (exponent, cx, cy, category, district, tags, sites)
    SELECT e, floor(m.lon / 2.0::float8 ^ e)::integer, floor(m.lat / 2.0::float8 ^ e)::integer,
           m.category, m.district, m.tags, count(*)
    FROM site_markers m, generate_series(finest, coarsest) AS e
    WHERE m.lon IS NOT NULL AND m.lat IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;
$$;
SELECT refresh_site_cells(-6, 2);
