import { z } from 'zod';
import { KINDS, NODE_KINDS } from '../kinds/registry';
import { anyEdgeParamsSchema, edgeParamDefaults } from './edge-params';
import { edgeFields, envelopeFields, nodeFields, SCENARIO_VERSION } from './schema';

/**
 * The scenario format as JSON Schema (draft 2020-12), for editors and other tools. Nodes are
 * one variant per kind, keyed on `kind`, each with its own params (unit, range, default,
 * help and source as annotations). Rules that span fields (Fargate sizes, the connection
 * table, edge params per connection) are validate.ts's business and are not expressed here.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const json = z.toJSONSchema(documentSchema(), { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  edgeDefaults(defs(json).EdgeParams);
  return json;
}

let built: z.ZodType | undefined;

/** Built once: schemas with an `id` are registered globally, and an id may be registered only once. */
function documentSchema(): z.ZodType {
  built ??= z
    .object({
      ...envelopeFields,
      nodes: z.array(z.discriminatedUnion('kind', nodeVariants())).optional(),
      edges: z
        .array(
          z.object({ ...edgeFields, params: anyEdgeParamsSchema().meta({ id: 'EdgeParams' }).optional() }),
        )
        .optional(),
    })
    .meta({
      title: `Serverless Simulator scenario (v${SCENARIO_VERSION})`,
      description:
        'A serverless architecture to simulate: settings, nodes (AWS services and traffic sources) and the edges that hand work between them.',
    });
  return built;
}

function nodeVariants() {
  const variants = NODE_KINDS.map((kind) => {
    const module = KINDS[kind];
    const params = (module.params as z.ZodType).meta({
      id: `${kind}Params`,
      title: `${module.title} params`,
    });
    return z
      .object({ ...nodeFields, kind: z.literal(kind), params: params.optional() })
      .meta({ title: module.title, description: module.description });
  });
  return variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]];
}

function defs(json: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return (json.$defs ?? {}) as Record<string, Record<string, unknown>>;
}

/**
 * An edge param's default can depend on the connection (batchSize: 10 from SQS, 100 from a
 * stream). Where every connection agrees the schema keeps the one default; otherwise it has
 * none, and `defaultsByConnection` (and the description) gives each.
 */
function edgeDefaults(schema: Record<string, unknown> | undefined): void {
  const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const all = edgeParamDefaults() as Record<string, Record<string, unknown> | undefined>;
  for (const [name, p] of Object.entries(props)) {
    // A param that states its allowed forms (anyOf) has no single range.
    if (p.anyOf) {
      delete p.minimum;
      delete p.maximum;
      delete p.type;
    }
    const byConnection = all[name];
    const values = byConnection
      ? [...new Set(Object.values(byConnection).map((v) => JSON.stringify(v)))]
      : [];
    if (values.length === 1) {
      p.default = JSON.parse(values[0]);
      continue;
    }
    delete p.default;
    if (!byConnection) continue;
    p.defaultsByConnection = byConnection;
    const list = Object.entries(byConnection)
      .map(([c, v]) => `${c} ${JSON.stringify(v)}`)
      .join('; ');
    p.description = `${String(p.description ?? '')} Default by connection: ${list}.`.trim();
  }
}
