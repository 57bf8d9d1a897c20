export * from "./fake-server";
