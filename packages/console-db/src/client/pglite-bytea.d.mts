export function serializeBytea(value: unknown): string;
export function parseBytea(text: string): Uint8Array;
export const byteaSerializers: { 17: (value: unknown) => string };
export const byteaParsers: { 17: (text: string) => Uint8Array };
