// Runs once when the server starts, before it answers any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkStartup } = await import("./server/startup");
  checkStartup();
}
