-- PostgreSQL full-text search over the same documents as maillage's search
-- index (organizations and services: name + aliases, organization, towns,
-- taxonomy terms, description), for the comparison in docs/perf.md.
-- Run in a throwaway database that `maillage import hsds` has filled.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent;
CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION fr_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- unaccent() is only STABLE; an index needs an IMMUTABLE wrapper.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

DROP TABLE IF EXISTS search_docs;
CREATE TABLE search_docs AS
WITH org_towns AS (
  SELECT l.organization_id AS id, string_agg(DISTINCT ad.city, ' ') AS towns
  FROM locations l JOIN addresses ad ON ad.location_id = l.id
  GROUP BY l.organization_id
), service_towns AS (
  SELECT sal.service_id AS id, string_agg(DISTINCT ad.city, ' ') AS towns
  FROM service_at_location sal JOIN addresses ad ON ad.location_id = sal.location_id
  GROUP BY sal.service_id
), terms AS (
  SELECT a.link_id AS id, string_agg(t.name, ' ') AS terms
  FROM attributes a JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id
  GROUP BY a.link_id
), aliases AS (
  SELECT organization_id AS id, string_agg(alias, ' ' ORDER BY position) AS aliases
  FROM organization_aliases GROUP BY organization_id
)
SELECT 'organization'::text AS kind, o.id, o.name, o.name AS organization,
       coalesce(al.aliases, '') AS aliases, coalesce(o.description, '') AS description,
       coalesce(ot.towns, '') AS towns, coalesce(tm.terms, '') AS terms
FROM organizations o
LEFT JOIN aliases al ON al.id = o.id
LEFT JOIN org_towns ot ON ot.id = o.id
LEFT JOIN terms tm ON tm.id = o.id
UNION ALL
SELECT 'service', s.id, s.name, o.name, '', coalesce(s.description, ''),
       coalesce(st.towns, ''), coalesce(tm.terms, '')
FROM services s
JOIN organizations o ON o.id = s.organization_id
LEFT JOIN service_towns st ON st.id = s.id
LEFT JOIN terms tm ON tm.id = s.id;

-- Same weights idea as maillage: name and aliases first, then the
-- organization, then towns and terms, then the description.
ALTER TABLE search_docs ADD COLUMN tsv tsvector;
ALTER TABLE search_docs ADD COLUMN trgm_text text;
UPDATE search_docs SET
  tsv = setweight(to_tsvector('fr_unaccent', name || ' ' || aliases), 'A')
     || setweight(to_tsvector('fr_unaccent', organization), 'B')
     || setweight(to_tsvector('fr_unaccent', towns || ' ' || terms), 'C')
     || setweight(to_tsvector('fr_unaccent', description), 'D'),
  trgm_text = f_unaccent(lower(name || ' ' || aliases));

CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv);
CREATE INDEX search_docs_trgm ON search_docs USING gin (trgm_text gin_trgm_ops);
ANALYZE search_docs;

-- Typo tolerance the way the pg_trgm documentation suggests: a lexicon of
-- the words of names, aliases, organizations, towns and terms, and each
-- unknown query word of 5+ letters replaced by the most similar one.
DROP TABLE IF EXISTS search_words;
CREATE TABLE search_words AS
  SELECT DISTINCT w AS word
  FROM search_docs,
       regexp_split_to_table(
         f_unaccent(lower(name || ' ' || aliases || ' ' || organization || ' ' || towns || ' ' || terms)),
         '[^a-z0-9]+') AS w
  WHERE length(w) >= 2;
CREATE UNIQUE INDEX search_words_word ON search_words (word);
CREATE INDEX search_words_trgm ON search_words USING gist (word gist_trgm_ops);
ANALYZE search_words;

CREATE OR REPLACE FUNCTION f_correct(q text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  w text;
  best text;
  fixed text := '';
BEGIN
  FOR w IN SELECT x FROM regexp_split_to_table(f_unaccent(lower(q)), '[^a-z0-9]+') AS x WHERE x <> '' LOOP
    IF length(w) >= 5 AND NOT EXISTS (SELECT 1 FROM search_words WHERE word = w) THEN
      SELECT word INTO best FROM search_words ORDER BY word <-> w LIMIT 1;
      IF best IS NOT NULL AND similarity(best, w) >= 0.3 THEN
        w := best;
      END IF;
    END IF;
    fixed := fixed || ' ' || w;
  END LOOP;
  RETURN fixed;
END $$;
