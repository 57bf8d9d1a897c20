import { scheduleOf, type SourceRow } from "@repo/console-inngest";
import { setSyncInterval } from "~/server/actions";
import { describeSchedule } from "~/server/format";

/**
 * The source's schedule and its interval setting. A tributary.yml `schedule:` overrides the
 * setting (the repository decides), so the form says so instead of pretending to apply.
 */
export function SourceSchedule({ source, error }: { source: SourceRow; error?: string | undefined }) {
  const schedule = scheduleOf(source);
  const { interval, next } = describeSchedule(schedule);
  return (
    <section aria-label="schedule">
      <p>
        Checked <strong data-testid="schedule-interval">{interval}</strong> · next check <span data-testid="schedule-next">{next}</span>
      </p>
      <form action={setSyncInterval} className="inline">
        <input type="hidden" name="sourceId" value={source.id} />
        <label>
          Interval (minutes) <input type="number" name="minutes" min={5} max={10080} step={1} defaultValue={source.syncIntervalMinutes} required />
        </label>{" "}
        <button type="submit">Save interval</button>
        {schedule.intervalFrom === "tributary.yml" ? <span className="muted"> tributary.yml&apos;s schedule.intervalMinutes takes precedence</span> : null}
        {error ? (
          <div className="error" role="alert">
            {error}
          </div>
        ) : null}
      </form>
    </section>
  );
}
