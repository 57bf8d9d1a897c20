export { FakeWebhookReceiver, type ReceivedNotice } from "./fake-webhook-receiver";
