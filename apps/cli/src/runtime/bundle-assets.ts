// Files the CLI's build (scripts/build.mjs) makes beside the bundle; esbuild's `define` puts their
// paths here. Running from sources (tsx), there are none and the defaults apply.
declare const __TRIBUTARY_PGLITE_TEMPLATE__: string | undefined;
declare const __TRIBUTARY_CPU_WORKER__: string | undefined;
declare const __TRIBUTARY_PGLITE_WASM__: string | undefined;

/** A fresh PGlite data directory as a tarball: a new data directory unpacks it instead of running initdb. */
export const pgliteTemplate: string | undefined = typeof __TRIBUTARY_PGLITE_TEMPLATE__ === "string" ? __TRIBUTARY_PGLITE_TEMPLATE__ : undefined;

/** The CPU pool's worker as bundled JavaScript: a worker starts without loading tsx and transpiling the sources. */
export const bundledCpuWorker: string | undefined = typeof __TRIBUTARY_CPU_WORKER__ === "string" ? __TRIBUTARY_CPU_WORKER__ : undefined;

/** PGlite's WebAssembly (pglite.wasm of the PGlite the bundle imports), for compiling it early (runtime/early-wasm.ts). */
export const pgliteWasmFile: string | undefined = typeof __TRIBUTARY_PGLITE_WASM__ === "string" ? __TRIBUTARY_PGLITE_WASM__ : undefined;
