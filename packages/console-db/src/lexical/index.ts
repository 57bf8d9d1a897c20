export { definedSymbols, identifierParts, indexTerms, wholeTerm } from "./terms";
export { lexicalTermsOf, type LexicalTerms } from "./lexical-terms";
export { deleteLexicalPaths, deleteLexicalSource, deleteLexicalVectorIds, replaceLexicalChunks, type LexicalChunkInput } from "./write-lexical";
export { lexicalRowsOf, searchLexical, wordQuery, type LexicalQuery, type LexicalRow } from "./search-lexical";
