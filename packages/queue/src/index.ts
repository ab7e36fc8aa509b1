export { QUEUE_NAMES, caseUpdatesChannel } from "./names.ts";
export { identifyJobSchema, identifyJobOptions, type IdentifyJob } from "./payloads.ts";
export { createRedis } from "./connection.ts";
export { createIdentifyProducer, QueueUnavailableError, type IdentifyProducer } from "./producer.ts";
