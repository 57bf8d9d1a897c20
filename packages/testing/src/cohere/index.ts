export { FakeCohere, type CohereEmbedCall, type FakeCohereOptions } from "./fake-cohere";
export { COHERE_EMBED_LIMITS, COHERE_EMBED_MODELS, type CohereEmbedModel } from "./models";
