/** One drizzle-kit migration, as drizzle's own migrator reads it from the journal. */
export interface BundledMigration {
  /** The journal's `when`; also the `created_at` recorded in drizzle.__drizzle_migrations. */
  when: number;
  /** sha256 of the .sql file, as drizzle records it. */
  hash: string;
  breakpoints: boolean;
  statements: string[];
}
