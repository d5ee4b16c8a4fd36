export { FreeswitchDouble, type CallerHandle, type DialOptions, type DoubleOptions } from './freeswitch-double.js';
export type { AgentBehaviour, FailureOutcome } from './behaviour.js';
export type { LogEntry, RecordedCommand, Side } from './activity-log.js';
export type { DtmfSource } from './dtmf.js';
export type { Dialplan } from './transfers.js';
export { CAPTURE_RIG_EXTENSION, LINEUP_QUEUE_EXTENSION, type QueueExtension } from './queue-extension.js';
export { EslTestClient, EslTestServer } from './esl-test-client.js';
