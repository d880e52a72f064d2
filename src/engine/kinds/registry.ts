import type { KindCatalog, KindGroup } from './catalog-types';
import { producerCatalog } from './producer/catalog';
import { scheduleCatalog } from './schedule/catalog';
import { apiGatewayCatalog } from './apiGateway/catalog';
import { functionCatalog } from './function/catalog';
import { queueCatalog } from './queue/catalog';
import { topicCatalog } from './topic/catalog';
import { eventBusCatalog } from './eventBus/catalog';
import { streamCatalog } from './stream/catalog';
import { bucketCatalog } from './bucket/catalog';
import { tableCatalog } from './table/catalog';
import { serverCatalog } from './server/catalog';
import { containerCatalog } from './container/catalog';
import { loadBalancerCatalog } from './loadBalancer/catalog';
import { stateMachineCatalog } from './stateMachine/catalog';
import { pipeCatalog } from './pipe/catalog';

/**
 * The catalog registry: every node kind, in palette order, as the app, validation and import
 * see it (no simulation code: the worker, CLI and tests create nodes through kinds/runtimes.ts).
 * Adding a kind: one folder `kinds/<kind>/` plus one line here and one in kinds/runtimes.ts.
 */
const CATALOGS = {
  producer: producerCatalog,
  schedule: scheduleCatalog,
  apiGateway: apiGatewayCatalog,
  function: functionCatalog,
  stateMachine: stateMachineCatalog,
  queue: queueCatalog,
  topic: topicCatalog,
  eventBus: eventBusCatalog,
  pipe: pipeCatalog,
  stream: streamCatalog,
  bucket: bucketCatalog,
  table: tableCatalog,
  server: serverCatalog,
  container: containerCatalog,
  loadBalancer: loadBalancerCatalog,
};

type Catalogs = typeof CATALOGS;
export type NodeKind = keyof Catalogs;

/** A metric name a kind declares (any kind's when K is the whole union). */
export type MetricName<K extends NodeKind = NodeKind> = K extends NodeKind
  ? keyof Catalogs[K]['metrics'] & string
  : never;
/** A series name a kind declares, without the node id: "concurrency", "ageSeconds". */
export type SeriesName<K extends NodeKind = NodeKind> = K extends NodeKind
  ? keyof Catalogs[K]['series'] & string
  : never;
/** A trace hop outcome some kind declares. */
export type HopOutcome<K extends NodeKind = NodeKind> = K extends NodeKind
  ? keyof Catalogs[K]['outcomes'] & string
  : never;

/** Each entry's `kind` is its key: a catalog filed under the wrong name does not compile. */
type KeysMatch = { [K in NodeKind]: Catalogs[K]['kind'] extends K ? true : false }[NodeKind];
const keysMatch: [KeysMatch] extends [true] ? true : never = true;
void keysMatch;

/** Every kind or group a kind's connection rules name: a misspelt one does not compile. */
type Decl<K extends NodeKind> = Catalogs[K]['connections'][number];
type EndsOf<K extends NodeKind> = NonNullable<Decl<K>['to'] | Decl<K>['from']>[number];
type EndsKnown = { [K in NodeKind]: [EndsOf<K>] extends [NodeKind | KindGroup] ? true : false }[NodeKind];
const endsKnown: [EndsKnown] extends [true] ? true : never = true;
void endsKnown;

export type AnyCatalog = KindCatalog<NodeKind, never, string, string, string>;

export const KINDS = CATALOGS as unknown as Readonly<Record<NodeKind, AnyCatalog>>;

export const NODE_KINDS = Object.keys(CATALOGS) as NodeKind[];

/** A kind's catalog with its params as `unknown` (validation parses them with its schema). */
export function kindCatalog(kind: NodeKind): KindCatalog<NodeKind, unknown, string, string, string> {
  return CATALOGS[kind] as unknown as KindCatalog<NodeKind, unknown, string, string, string>;
}
