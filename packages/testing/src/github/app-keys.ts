import { generateKeyPairSync } from "node:crypto";

export interface AppKeyPair {
  /** PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), the format GitHub hands out for App keys. */
  privateKey: string;
  /** SPKI PEM, what FakeGitHub verifies App JWTs with. */
  publicKey: string;
}

/** A fresh RSA key pair for a test GitHub App (2048 bits, as GitHub issues). */
export function generateAppKeyPair(): AppKeyPair {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
}
