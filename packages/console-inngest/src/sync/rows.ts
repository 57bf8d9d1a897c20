import { schema } from "@repo/console-db";

export type SourceRow = typeof schema.sources.$inferSelect;
export type StoreRow = typeof schema.stores.$inferSelect;
export type JobRow = typeof schema.syncJobs.$inferSelect;
export type BatchRow = typeof schema.syncBatches.$inferSelect;
export type DocumentRow = typeof schema.documents.$inferSelect;
