// Node has the WebAssembly global; the project's types (lib ES2023, @types/node 20) declare only
// some of its types and none of its values. What this package's tests use:
declare namespace WebAssembly {
  function compile(bytes: Uint8Array): Promise<Module>;
  function instantiate(source: Module | Uint8Array, imports?: object): Promise<unknown>;
  const Module: { prototype: Module; new (bytes: Uint8Array): Module };
}
