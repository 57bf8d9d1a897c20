// The serve handlers come from this package so that the app serving the functions uses the very
// inngest copy that created them (NonRetriableError and friends are checked with instanceof).
export { serve as serveNext } from "inngest/next";
