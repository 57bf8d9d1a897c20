// Test fixtures for packages that exercise the workflows end to end (the fault matrix).
export { Adversary, seededRandom, type OpKind, type Verdict } from "./adversary";
export { expectedVectorIds, filesAt } from "./ground-truth";
export { createHarness, LOCAL_STORE, localSourceSpec, type Harness, type HarnessOptions } from "./harness";
export { OPENAI_PINECONE_STORE, startProductionFakes, type FakeBehaviour, type ProductionFakes, type Services } from "./production-fakes";
export { beforeUpsert, blackout, stallGate, waitFor } from "./schedules";
