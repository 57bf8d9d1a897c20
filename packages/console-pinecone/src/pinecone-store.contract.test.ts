import { describeVectorStoreContract } from "@repo/testing/contracts";
import { FakePinecone } from "@repo/testing/pinecone";
import { createPineconeVectorStore } from "./pinecone-vector-store";

// The shared VectorStore contract, through the real SDK and real HTTP, against the fake.
describeVectorStoreContract("Pinecone (fake, via the SDK)", async () => {
  const fake = new FakePinecone();
  const { controllerHostUrl } = await fake.start();
  fake.createIndex({ name: "contract", dimension: 8 });
  const store = createPineconeVectorStore({ apiKey: "pc-test", indexName: "contract", namespace: "sto_contract", dimensions: 8, controllerHostUrl });
  return { store, close: () => fake.stop() };
});
