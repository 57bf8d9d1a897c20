import { countTokens, decode, encode } from "gpt-tokenizer/encoding/cl100k_base";

// OpenAI tokenizes embedding input as plain text: "<|endoftext|>" in a file is just characters.
const asPlainText = { disallowedSpecial: new Set<string>() };

export function countCl100k(text: string): number {
  return countTokens(text, asPlainText);
}

/**
 * Cuts `text` to its first `maxTokens` cl100k tokens (text-embedding-3 and ada-002 use cl100k).
 * The result is always a prefix of `text`: a cut inside a multi-byte character drops that character
 * rather than leaving a U+FFFD, and the prefix is re-counted because its tokens can differ at the cut.
 */
export function truncateToTokens(text: string, maxTokens: number): { text: string; tokens: number } {
  const tokens = countCl100k(text);
  if (tokens <= maxTokens) return { text, tokens };
  const encoded = encode(text, asPlainText);
  for (let keep = maxTokens; keep > 0; keep--) {
    const prefix = decode(encoded.slice(0, keep));
    if (!text.startsWith(prefix)) continue;
    const count = countCl100k(prefix);
    if (count <= maxTokens) return { text: prefix, tokens: count };
  }
  return { text: "", tokens: 0 };
}
