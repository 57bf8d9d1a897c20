import type { SourceRow } from "@repo/console-inngest";
import { removeSource, retryFailed, syncNow } from "~/server/actions";

/**
 * "Sync now" and "Remove". Removal asks first on a page of its own (?confirm=1), so it works
 * without JavaScript and a stray Enter cannot delete an index.
 */
export function SourceActions({ source, confirming, failedFiles }: { source: SourceRow; confirming: boolean; failedFiles: number }) {
  return (
    <div className="actions">
      <form action={syncNow}>
        <input type="hidden" name="sourceId" value={source.id} />
        <button type="submit">Sync now</button>
      </form>
      {failedFiles > 0 ? (
        <form action={retryFailed}>
          <input type="hidden" name="sourceId" value={source.id} />
          <button type="submit">Retry failed ({failedFiles})</button>
        </form>
      ) : null}
      {confirming ? (
        <form action={removeSource} className="confirm" aria-labelledby="confirm-remove">
          <input type="hidden" name="sourceId" value={source.id} />
          <p id="confirm-remove">Remove {source.fullName} with all its documents and vectors? Connecting it again re-indexes it from scratch.</p>
          <button type="submit" className="danger">
            Yes, remove {source.fullName}
          </button>{" "}
          <a href={`/sources/${source.id}`}>Cancel</a>
        </form>
      ) : (
        <a className="button-link danger" href={`/sources/${source.id}?confirm=1`}>
          Remove…
        </a>
      )}
    </div>
  );
}
