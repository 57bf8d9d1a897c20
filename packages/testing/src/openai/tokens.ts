import { countTokens } from "gpt-tokenizer/encoding/cl100k_base";

// The service tokenizes input as plain text: "<|endoftext|>" inside a file is just characters.
const asPlainText = { disallowedSpecial: new Set<string>() };

/** cl100k_base token count, as text-embedding-3-* and ada-002 count it. */
export function countCl100kTokens(text: string): number {
  return countTokens(text, asPlainText);
}
