export function encodeFloat4ArrayBinary(values: Float32Array): Uint8Array;
export function encodeTsvectorBinary(literal: string): Uint8Array | undefined;
export function serializeTsvectorArray(values: ReadonlyArray<string | null | undefined>): Uint8Array | string;
export function installBinaryParameters(client: { serializers: Record<number, (value: unknown) => unknown> }): void;
