import type { SimContext } from '../sim/context';
import type { NodeRuntime } from '../sim/node-runtime';
import type { NodeSpec } from './vocabulary';

/**
 * The runtime contract of a node kind, for the code that runs simulations (kinds' runtimes,
 * sim/, simulate.ts). It re-exports the shared vocabulary so a runtime needs one import; the
 * app imports kinds/vocabulary.ts and kinds/registry.ts instead, never this file.
 */
export * from './vocabulary';
export type { Edge, EdgeParams, EdgeSpec, NodeRuntime } from '../sim/node-runtime';

/** How a run creates a node of a kind (kinds/<kind>/create.ts, listed in kinds/runtimes.ts). */
export type CreateNode<P = unknown> = (ctx: SimContext, spec: NodeSpec<P>, index: number) => NodeRuntime;
