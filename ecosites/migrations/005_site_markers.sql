-- The current sites' marker rows (see ecosites/pgstore/markers.py): narrow, so that a view
-- query reads neither features nor boundaries, with an index for each thing a view filters
-- by; and their counts per lattice cell (ecosites/sitequery.py) for zoomed-out views.
-- Both are replaced with the sites on every publish.

-- A feature's tags as an array; anything but an array of strings counts as no tags.
CREATE FUNCTION site_tags(feature jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(tag.value), '{}')
    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(feature->'properties'->'tags') = 'array'
                                        THEN feature->'properties'->'tags' ELSE '[]'::jsonb END)
         AS tag(value)
$$;

CREATE TABLE site_markers (
    position integer PRIMARY KEY,  -- the site's row in sites: catalogue order
    id       text NOT NULL,
    lon      double precision,  -- the marker position, as the file store computes it
    lat      double precision,
    point    geometry(Point, 4326),
    category text,
    district text,
    tags     text[] NOT NULL DEFAULT '{}',
    name_en  text NOT NULL DEFAULT '',
    name_zh  text NOT NULL DEFAULT ''
);
CREATE INDEX site_markers_point ON site_markers USING gist (point);
CREATE INDEX site_markers_category ON site_markers (category);
CREATE INDEX site_markers_district ON site_markers (district);
CREATE INDEX site_markers_tags ON site_markers USING gin (tags);

-- Sites published before this table existed. A publish stores the marker position the
-- application computes (shapely's representative point, rounded as numpy rounds); here
-- PostGIS's ST_PointOnSurface stands in, the same for points and, for boundaries, the
-- same unless the server's GEOS differs from shapely's. The next publish replaces these.
INSERT INTO site_markers (position, id, lon, lat, point, category, district, tags, name_en, name_zh)
SELECT s.position, s.id, p.lon, p.lat,
       CASE WHEN p.lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) END,
       s.feature->'properties'->>'category', s.feature->'properties'->>'district', site_tags(s.feature),
       coalesce(s.feature->'properties'->>'name_en', ''), coalesce(s.feature->'properties'->>'name_zh', '')
FROM sites s,
     LATERAL (SELECT round(ST_X(ST_PointOnSurface(s.geom)) * 1e6::float8) / 1e6::float8 AS lon,
                     round(ST_Y(ST_PointOnSurface(s.geom)) * 1e6::float8) / 1e6::float8 AS lat) p;

-- How many sites of each category and district fall in each cell of 2^exponent degrees.
CREATE TABLE site_cells (
    exponent smallint NOT NULL,
    cx       integer NOT NULL,  -- floor(lon / 2^exponent)
    cy       integer NOT NULL,  -- floor(lat / 2^exponent)
    category text,
    district text,
    sites    integer NOT NULL
);
CREATE INDEX site_cells_lookup ON site_cells (exponent, cy, cx);

-- The exponents come from the application (STORED_CELL_EXPONENTS in ecosites/sitequery.py).
CREATE FUNCTION refresh_site_cells(finest integer, coarsest integer) RETURNS void LANGUAGE sql AS $$
    DELETE FROM site_cells;
    INSERT INTO site_cells (exponent, cx, cy, category, district, sites)
    SELECT e, floor(m.lon / 2.0::float8 ^ e)::integer, floor(m.lat / 2.0::float8 ^ e)::integer,
           m.category, m.district, count(*)
    FROM site_markers m, generate_series(finest, coarsest) AS e
    WHERE m.lon IS NOT NULL AND m.lat IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;
$$;

-- Sites published before this table existed; the exponents are STORED_CELL_EXPONENTS'
-- (a publish passes them from the application).
SELECT refresh_site_cells(-6, 2);
