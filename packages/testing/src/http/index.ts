export * from "./fake-server";
export * from "./monotonic-clock";
