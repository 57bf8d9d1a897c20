// Node has the WebAssembly global; the project's types (lib ES2023, @types/node 20) declare only
// some of its types and none of its values. What this package uses:
declare namespace WebAssembly {
  function compile(bytes: Uint8Array): Promise<Module>;
  const Module: {
    prototype: Module;
    exports(module: Module): Array<{ name: string; kind: string }>;
  };
}
