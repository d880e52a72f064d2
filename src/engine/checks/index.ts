import type { Scenario } from '../scenario/schema';
import { apiTimeout } from './api-timeout';
import { checkContext } from './context';
import { containerFit } from './container-fit';
import { eventTypes } from './event-types';
import { feedbackLoop } from './feedback-loop';
import { initLimit } from './init-limit';
import { maxReceiveCount } from './max-receive-count';
import { noFailurePath } from './no-failure-path';
import { noTraffic } from './no-traffic';
import { pipeWiringCheck } from './pipe-wiring';
import { payloadSize } from './payload-size';
import { pollerDestination } from './poller-destination';
import { reservedConcurrency } from './reserved-concurrency';
import { ruleTargets } from './rule-targets';
import { s3Destinations } from './s3-destinations';
import { serverFit } from './server-fit';
import { streamReaders } from './stream-readers';
import type { Check, Finding } from './types';
import { unreadQueue } from './unread-queue';
import { visibilityTimeout } from './visibility-timeout';

export type { Check, Finding, Fix, Severity, FindingSource } from './types';
export { applyFix } from './apply-fix';

/** Every learner check, in the order their findings are listed (refusals first). */
export const CHECKS: readonly Check[] = [
  s3Destinations,
  ruleTargets,
  pipeWiringCheck,
  containerFit,
  payloadSize,
  noTraffic,
  pollerDestination,
  noFailurePath,
  visibilityTimeout,
  maxReceiveCount,
  apiTimeout,
  reservedConcurrency,
  initLimit,
  unreadQueue,
  streamReaders,
  serverFit,
  eventTypes,
  feedbackLoop,
];

/**
 * What the checks find in a validated scenario (or one whose graph is sound but some params
 * fell back to defaults). Cheap: each check is a pass over nodes and edges with indexes built
 * once, so the editor runs them on every change.
 */
export function runChecks(scenario: Scenario): Finding[] {
  const ctx = checkContext(scenario);
  return CHECKS.flatMap((c) => c.run(ctx));
}
