export interface BindConfig {
  portal?: string;
  statement?: string;
  binary?: boolean;
  values?: readonly unknown[];
  valueMapper?: (value: unknown, index: number) => unknown;
}
export function serializeBind(config?: BindConfig): Uint8Array;
export function installBindSerializer(): void;
