-- Partial identifiers in search (`ContentTypePars`) match the vocabulary's terms by substring
-- (lexical/search-lexical.ts). Where pg_trgm can be installed, a trigram index answers that
-- `like '%…%'`; where it cannot (a server without the contrib package, a role without the right),
-- the query scans lexical_terms instead and this migration changes nothing.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX IF NOT EXISTS "lexical_terms_term_trgm_idx" ON "lexical_terms" USING gin ("term" gin_trgm_ops);
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pg_trgm unavailable (%): partial identifiers scan the vocabulary', SQLERRM;
    END;
  END IF;
END
$$;
