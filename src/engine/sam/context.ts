import type { NodeKind } from '../kinds/types';
import type { EdgeRole } from '../scenario/connections';
import { ResRef, Resolver, referencedIds, stringOf, type Unresolved } from './intrinsics';
import type { ImportReport } from './report';
import { asObj, isObj, type CfnResource, type CfnTemplate } from './template';

/** A node under construction: params sparse, as a person would write them. */
export interface DraftNode {
  id: string;
  kind: NodeKind;
  label: string;
  params: Record<string, unknown>;
  from: string[];
  /** Logical id of the resource it came from (for Metadata written by the exporter). */
  logicalId: string;
}

/** A link between two resources, by logical id; becomes an edge if both ends became nodes. */
export interface DraftLink {
  from: string;
  to: string;
  role: EdgeRole;
  params: Record<string, unknown>;
  /** What made it, for the report. */
  via: string;
  /** A bus's dead-letter queue: the rule targets (logical ids) it serves. */
  forTargets?: string[];
}

/** Node id of the account's default event bus, which no template declares. */
export const DEFAULT_BUS = 'DefaultEventBus';

/** The property that holds a resource's own physical name, by type (a rule's EventBusName names another). */
const NAME_PROP: Record<string, string> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Events::EventBus': 'Name',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::ECS::Service': 'ServiceName',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Pipes::Pipe': 'Name',
};

/**
 * Everything the mappers share: the template with its intrinsics resolved, the nodes and
 * links found so far, and the report they all write to.
 */
export class ImportContext {
  declare readonly resolver: Resolver;
  readonly nodes: DraftNode[] = [];
  readonly links: DraftLink[] = [];
  /** logical id → node id, also for resources folded into another's node. */
  readonly nodeOf = new Map<string, string>();
  /** Resources the mappers have accounted for (as a node, an edge, or folded). */
  readonly handled = new Set<string>();
  /** Resolved Properties per logical id (resolved once). */
  private readonly props = new Map<string, Record<string, unknown>>();
  private readonly byName = new Map<string, string>();

  constructor(
    readonly tpl: CfnTemplate,
    readonly report: ImportReport,
    /** Reads a file beside the template (a state machine's DefinitionUri); absent in the app. */
    readonly readBeside?: (relativePath: string) => string | undefined,
  ) {
    this.resolver = new Resolver(tpl);
    for (const [id, r] of Object.entries(tpl.resources)) {
      const prop = NAME_PROP[r.Type];
      const name = prop ? stringOf(this.properties(id)[prop]) : undefined;
      if (name && !name.includes('${')) this.byName.set(name, id);
    }
  }

  resource(id: string): CfnResource | undefined {
    return this.tpl.resources[id];
  }

  properties(id: string): Record<string, unknown> {
    let p = this.props.get(id);
    if (!p) {
      p = asObj(this.resolver.resolve(this.tpl.resources[id]?.Properties ?? {}));
      this.props.set(id, p);
    }
    return p;
  }

  isResource = (id: string): boolean => id in this.tpl.resources;

  /**
   * The resource a value points at: a Ref or GetAtt, `${Id}` inside a Sub, or a name / ARN
   * whose last part is the physical name of a resource in the template.
   */
  target(v: unknown): string | undefined {
    if (v instanceof ResRef) return v.id;
    const ids = referencedIds(v, this.isResource);
    if (ids.length > 0) return ids[ids.length - 1];
    const s = stringOf(v);
    if (!s) return undefined;
    if (this.byName.has(s)) return this.byName.get(s);
    if (/:event-bus\/default$/.test(s)) return this.defaultBus();
    const last = s.split(/[:/]/).pop() ?? '';
    return this.byName.get(last);
  }

  addNode(logicalId: string, kind: NodeKind, params: Record<string, unknown>, label?: string): DraftNode {
    const id = this.uniqueId(logicalId);
    const type = this.tpl.resources[logicalId]?.Type ?? 'implicit';
    const node: DraftNode = {
      id,
      kind,
      label: label ?? logicalId,
      params,
      from: [`${logicalId} (${type})`],
      logicalId,
    };
    this.nodes.push(node);
    this.nodeOf.set(logicalId, id);
    this.handled.add(logicalId);
    return node;
  }

  /** An implicit node SAM would create (an API, a schedule): no resource of its own. */
  addImplicitNode(
    id: string,
    kind: NodeKind,
    params: Record<string, unknown>,
    label: string,
    what: string,
  ): DraftNode {
    const existing = this.nodes.find((n) => n.id === id);
    if (existing) return existing;
    const node: DraftNode = { id: this.uniqueId(id), kind, label, params, from: [what], logicalId: id };
    this.nodes.push(node);
    this.nodeOf.set(id, node.id);
    return node;
  }

  /** The account's default bus (implicit: a template cannot create it), made on first use. */
  defaultBus(): string {
    this.addImplicitNode(
      DEFAULT_BUS,
      'eventBus',
      { busType: 'default' },
      'default event bus',
      `${DEFAULT_BUS} (the account's default bus, implicit)`,
    );
    return this.nodeOf.get(DEFAULT_BUS)!;
  }

  node(logicalId: string): DraftNode | undefined {
    const id = this.nodeOf.get(logicalId);
    return id ? this.nodes.find((n) => n.id === id) : undefined;
  }

  /** A resource whose settings went into another node or an edge. */
  fold(logicalId: string, into: string): void {
    if (this.handled.has(logicalId)) return;
    this.handled.add(logicalId);
    this.report.folded.push({ logicalId, type: this.tpl.resources[logicalId]?.Type ?? '?', into });
  }

  link(l: DraftLink): void {
    this.links.push(l);
  }

  assume(text: string): void {
    if (!this.report.assumptions.includes(text)) this.report.assumptions.push(text);
  }

  warn(text: string): void {
    if (!this.report.warnings.includes(text)) this.report.warnings.push(text);
  }

  /** A part of a mapped resource (a state of a definition) the simulator cannot express. */
  partNotMapped(text: string): void {
    if (!this.report.partsNotMapped.includes(text)) this.report.partsNotMapped.push(text);
  }

  unwired(text: string): void {
    if (!this.report.unwired.includes(text)) this.report.unwired.push(text);
  }

  private uniqueId(base: string): string {
    const clean = base.slice(0, 100) || 'node';
    let id = clean;
    for (let i = 2; this.nodes.some((n) => n.id === id); i++) id = `${clean.slice(0, 95)}-${i}`;
    return id;
  }
}

export type Mapper = {
  /** CloudFormation types this mapper reads. */
  types: readonly string[];
  /** 1: makes nodes; 2: makes links and reads settings into nodes made in phase 1; 3: links that need phase 2 (load balancer targets). */
  phase: 1 | 2 | 3;
  map(ctx: ImportContext, logicalId: string, props: Record<string, unknown>): void;
};

export { isObj, asObj };
export type { Unresolved };
