import type { NodeKind } from './registry';
import type { CreateNode } from './types';
import { createProducer } from './producer/create';
import { createSchedule } from './schedule/create';
import { createApiGateway } from './apiGateway/create';
import { createFunction } from './function/create';
import { createQueue } from './queue/create';
import { createTopic } from './topic/create';
import { createEventBus } from './eventBus/create';
import { createStream } from './stream/create';
import { createBucket } from './bucket/create';
import { createTable } from './table/create';
import { createServer } from './server/create';
import { createContainer } from './container/create';
import { createLoadBalancer } from './loadBalancer/create';
import { createStateMachine } from './stateMachine/create';
import { createPipe } from './pipe/create';

/**
 * The runtime registry: how a run creates each kind's node. Only the worker, the CLI and the
 * tests reach it (through simulate.ts); the app bundle must not (test/engine/module-graph.test.ts).
 * A kind in kinds/registry.ts without a line here does not compile.
 */
export const RUNTIMES: Readonly<Record<NodeKind, CreateNode<never>>> = {
  producer: createProducer,
  schedule: createSchedule,
  apiGateway: createApiGateway,
  function: createFunction,
  stateMachine: createStateMachine,
  queue: createQueue,
  topic: createTopic,
  eventBus: createEventBus,
  pipe: createPipe,
  stream: createStream,
  bucket: createBucket,
  table: createTable,
  server: createServer,
  container: createContainer,
  loadBalancer: createLoadBalancer,
};
