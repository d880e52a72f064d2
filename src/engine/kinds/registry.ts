import type { KindModule, NodeKind } from './types';
import { producerKind } from './producer';
import { scheduleKind } from './schedule';
import { apiGatewayKind } from './apiGateway';
import { functionKind } from './function';
import { queueKind } from './queue';
import { topicKind } from './topic';
import { eventBusKind } from './eventBus';
import { streamKind } from './stream';
import { bucketKind } from './bucket';
import { tableKind } from './table';
import { serverKind } from './server';
import { containerKind } from './container';
import { loadBalancerKind } from './loadBalancer';

/** Every node kind, in palette order. Adding a kind: one folder plus one line here. */
export const KINDS: Record<NodeKind, KindModule<never>> = {
  producer: producerKind,
  schedule: scheduleKind,
  apiGateway: apiGatewayKind,
  function: functionKind,
  queue: queueKind,
  topic: topicKind,
  eventBus: eventBusKind,
  stream: streamKind,
  bucket: bucketKind,
  table: tableKind,
  server: serverKind,
  container: containerKind,
  loadBalancer: loadBalancerKind,
} as Record<NodeKind, KindModule<never>>;

export const NODE_KINDS = Object.keys(KINDS) as NodeKind[];

export function kindModule(kind: NodeKind): KindModule<unknown> {
  return KINDS[kind] as KindModule<unknown>;
}
