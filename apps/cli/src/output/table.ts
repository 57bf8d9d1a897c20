const NUMERIC = /^-?[\d,.]+$/;

/**
 * Columns separated by two spaces; a column whose cells (below the first row) are all numbers
 * is right-aligned, so digits line up.
 */
export function renderTable(rows: ReadonlyArray<readonly string[]>): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = widths.map((_, i) => rows.slice(1).every((row) => NUMERIC.test(row[i] ?? "")));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
