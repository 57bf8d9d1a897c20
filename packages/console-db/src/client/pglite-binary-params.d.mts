export function encodeFloat4ArrayBinary(values: Float32Array): Uint8Array;
export function installBinaryParameters(client: { serializers: Record<number, (value: unknown) => unknown> }): void;
