/** push(...items) passes every item as an argument and overflows the stack on big arrays. */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
