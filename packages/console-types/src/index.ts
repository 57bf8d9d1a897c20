export * from "./chunk";
export * from "./embedding";
export * from "./ids";
export * from "./source";
export * from "./sync";
export * from "./vector";
export * from "./connector";
export * from "./errors";
