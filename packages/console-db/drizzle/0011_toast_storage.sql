-- Staged file contents are stored out of line without pglz compression. They live for one job
-- (written, read once, deleted), and Postgres compresses an EXTENDED value whenever its row passes
-- ~2 KB: in PGlite (WebAssembly, on the thread that writes) staging a 3,000-file repository's
-- 19.5 MB took 0.30-0.47 s compressed against 0.11 s stored as it is, for 13 MB more written
-- (one PGlite, the two storages alternated). A catalog change only: rows staged before keep theirs.
ALTER TABLE "blob_staging" ALTER COLUMN "content" SET STORAGE EXTERNAL;
