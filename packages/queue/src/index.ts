export { QUEUE_NAMES, caseUpdatesChannel } from "./names.ts";
export {
  identifyJobSchema,
  identifyJobOptions,
  readMarkingsJobSchema,
  readMarkingsJobOptions,
  trainingJobSchema,
  trainingJobOptions,
  type IdentifyJob,
  type ReadMarkingsJob,
  type TrainingJob,
} from "./payloads.ts";
export { createMarkingsProducer, type MarkingsProducer } from "./markings-producer.ts";
export { createRedis } from "./connection.ts";
export { whileConnecting } from "./connection-wait.ts";
export { createIdentifyProducer, QueueUnavailableError, type IdentifyProducer } from "./producer.ts";
export { createTrainingProducer, type TrainingProducer } from "./training-producer.ts";
export { CaseUpdateHub, announceCaseUpdate, type AnnouncedStatus, type CaseUpdateHubOptions, type CaseUpdateListener } from "./case-updates.ts";
export { sharedWorkerEnv, exitOnInvalidEnv } from "./worker-env.ts";
export { publishHeartbeat, clearHeartbeat, readHeartbeats, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TTL_SECONDS, type InferenceHeartbeat } from "./heartbeat.ts";
