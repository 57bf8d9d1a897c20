export { fakeSecrets, secretValues, type FakeSecrets } from "./fake-secrets";
