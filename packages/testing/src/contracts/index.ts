export * from "./vector-store";
