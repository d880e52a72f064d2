import type { ImportContext, Mapper } from '../context';
import { isObj } from '../context';
import { referencedIds, numberOf, stringOf } from '../intrinsics';

/** Throttling from a stage's settings: a REST stage's MethodSettings or an HTTP API's route settings. */
function readThrottle(
  ctx: ImportContext,
  apiId: string,
  s: Record<string, unknown> | undefined,
  via: string,
): void {
  const node = ctx.node(apiId);
  if (!node || !s) return;
  const rate = numberOf(s.ThrottlingRateLimit);
  const burst = numberOf(s.ThrottlingBurstLimit);
  if (rate === undefined && burst === undefined) return;
  const t = { ...(isObj(node.params.throttle) ? node.params.throttle : {}) };
  if (rate !== undefined) t.ratePerSecond = rate;
  if (burst !== undefined) t.burst = burst;
  node.params.throttle = t;
  ctx.assume(
    `${node.id}: throttling ${rate ?? 'default'} requests/s, burst ${burst ?? 'default'} (from ${via}); applied to the whole API`,
  );
}

function methodThrottle(settings: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(settings)) return undefined;
  const all = settings.filter(isObj);
  return all.find((m) => m.HttpMethod === '*' || m.ResourcePath === '/*') ?? all[0];
}

/** Functions an OpenAPI body integrates with (x-amazon-apigateway-integration uri). */
function definitionLinks(ctx: ImportContext, apiId: string, body: unknown): void {
  if (!isObj(body) || !isObj(body.paths)) return;
  for (const [path, ops] of Object.entries(body.paths)) {
    if (!isObj(ops)) continue;
    for (const [method, op] of Object.entries(ops)) {
      const integ =
        isObj(op) && isObj(op['x-amazon-apigateway-integration'])
          ? op['x-amazon-apigateway-integration']
          : undefined;
      if (!integ) continue;
      const ids = referencedIds(integ.uri, ctx.isResource);
      const fn = ids.find((id) => ctx.resource(id)?.Type.includes('Function'));
      const via = `${apiId} DefinitionBody ${method.toUpperCase()} ${path}`;
      if (fn) ctx.link({ from: apiId, to: fn, role: 'invoke', params: {}, via });
      else
        ctx.unwired(
          `${via}: integration ${integ.uri === undefined ? String(integ.integrationSubtype ?? integ.type ?? '?') : describeUri(integ.uri)} is not a function of this template (direct service integrations have no simulator edge)`,
        );
    }
  }
}

function describeUri(uri: unknown): string {
  const s = typeof uri === 'string' ? uri : JSON.stringify(uri ?? null);
  const m = /:apigateway:[^:]*:([a-z0-9-]+):/.exec(s);
  return m ? `to ${m[1]}` : s.slice(0, 80);
}

/** The API node a child resource (stage, route, integration) belongs to; if its API was not mapped, the child is listed with it. */
function apiFor(ctx: ImportContext, ref: unknown, child?: string): string | undefined {
  const id = ctx.target(ref);
  if (id && ctx.node(id)?.kind === 'apiGateway') return id;
  if (child && id) {
    ctx.handled.add(child);
    const reason = ctx.report.notMapped.find((n) => n.logicalId === id)?.reason ?? 'not mapped';
    ctx.report.notMapped.push({
      logicalId: child,
      type: ctx.resource(child)!.Type,
      reason: `part of API ${id}: ${reason}`,
    });
  }
  return undefined;
}

export const apiMappers: Mapper[] = [
  {
    types: ['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi'],
    phase: 1,
    map(ctx, id, p) {
      ctx.addNode(id, 'apiGateway', { flavor: 'rest' });
      if (id && p.EndpointConfiguration === 'PRIVATE')
        ctx.warn(`${id}: a private API is simulated like a public one`);
    },
  },
  {
    types: ['AWS::Serverless::HttpApi'],
    phase: 1,
    map(ctx, id) {
      ctx.addNode(id, 'apiGateway', { flavor: 'http' });
    },
  },
  {
    types: ['AWS::ApiGatewayV2::Api'],
    phase: 1,
    map(ctx, id, p) {
      if (p.ProtocolType === 'WEBSOCKET') {
        ctx.report.notMapped.push({
          logicalId: id,
          type: 'AWS::ApiGatewayV2::Api',
          reason: 'WebSocket APIs have no simulator kind',
        });
        ctx.handled.add(id);
        return;
      }
      ctx.addNode(id, 'apiGateway', { flavor: 'http' });
      if (p.Target !== undefined) {
        const fn = ctx.target(p.Target);
        if (fn)
          ctx.link({ from: id, to: fn, role: 'invoke', params: {}, via: `${id} Target (quick create)` });
      }
    },
  },
  {
    types: ['AWS::Serverless::Api'],
    phase: 2,
    map(ctx, id, p) {
      readThrottle(ctx, id, methodThrottle(p.MethodSettings), `${id} MethodSettings`);
      definitionLinks(ctx, id, p.DefinitionBody);
      const stage = stringOf(p.StageName);
      if (stage) ctx.node(id)!.from.push(`stage ${stage}`);
    },
  },
  {
    types: ['AWS::Serverless::HttpApi'],
    phase: 2,
    map(ctx, id, p) {
      readThrottle(
        ctx,
        id,
        isObj(p.DefaultRouteSettings) ? p.DefaultRouteSettings : undefined,
        `${id} DefaultRouteSettings`,
      );
      definitionLinks(ctx, id, p.DefinitionBody);
      const stage = stringOf(p.StageName);
      if (stage) ctx.node(id)!.from.push(`stage ${stage}`);
    },
  },
  {
    types: ['AWS::ApiGateway::RestApi'],
    phase: 2,
    map(ctx, id, p) {
      definitionLinks(ctx, id, p.Body);
    },
  },
  {
    types: ['AWS::ApiGateway::Method'],
    phase: 2,
    map(ctx, id, p) {
      const api = apiFor(ctx, p.RestApiId, id);
      if (!api) return;
      ctx.fold(id, `API ${ctx.nodeOf.get(api)}`);
      const integ = isObj(p.Integration) ? p.Integration : {};
      if (integ.Type === 'MOCK' || integ.Type === 'HTTP' || integ.Type === 'HTTP_PROXY') return;
      const fn = referencedIds(integ.Uri, ctx.isResource).find((r) =>
        ctx.resource(r)?.Type.includes('Function'),
      );
      const via = `${id} (${String(p.HttpMethod ?? '')} method)`;
      if (fn) ctx.link({ from: api, to: fn, role: 'invoke', params: {}, via });
      else if (integ.Uri !== undefined)
        ctx.unwired(
          `${via}: integration ${describeUri(integ.Uri)} is a direct service integration; it has no simulator edge`,
        );
    },
  },
  {
    types: ['AWS::ApiGateway::Stage'],
    phase: 2,
    map(ctx, id, p) {
      const api = apiFor(ctx, p.RestApiId, id);
      if (!api) return;
      readThrottle(ctx, api, methodThrottle(p.MethodSettings), `${id} MethodSettings`);
      ctx.fold(id, `API ${ctx.nodeOf.get(api)} (stage ${String(p.StageName ?? '')})`);
    },
  },
  {
    types: ['AWS::ApiGatewayV2::Stage'],
    phase: 2,
    map(ctx, id, p) {
      const api = apiFor(ctx, p.ApiId, id);
      if (!api) return;
      readThrottle(
        ctx,
        api,
        isObj(p.DefaultRouteSettings) ? p.DefaultRouteSettings : undefined,
        `${id} DefaultRouteSettings`,
      );
      ctx.fold(id, `API ${ctx.nodeOf.get(api)} (stage ${String(p.StageName ?? '')})`);
    },
  },
  {
    types: ['AWS::ApiGatewayV2::Integration'],
    phase: 2,
    map(ctx, id, p) {
      const api = apiFor(ctx, p.ApiId, id);
      if (!api) return;
      const fn = ctx.target(p.IntegrationUri);
      const isFn = fn && ctx.resource(fn)?.Type.includes('Function');
      if (isFn) {
        ctx.link({
          from: api,
          to: fn,
          role: 'invoke',
          params: {},
          via: `${id} (AWS::ApiGatewayV2::Integration)`,
        });
        ctx.handled.add(id);
      } else {
        ctx.fold(id, `API ${ctx.nodeOf.get(api)}`);
        ctx.unwired(
          `${id}: ${String(p.IntegrationSubtype ?? p.IntegrationType ?? 'integration')} is a direct service integration; it has no simulator edge`,
        );
      }
    },
  },
  {
    types: [
      'AWS::ApiGateway::Resource',
      'AWS::ApiGateway::Deployment',
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Deployment',
      'AWS::ApiGatewayV2::IntegrationResponse',
      'AWS::ApiGatewayV2::RouteResponse',
      'AWS::ApiGateway::Model',
      'AWS::ApiGatewayV2::Model',
    ],
    phase: 2,
    map(ctx, id, p) {
      const api = apiFor(ctx, p.RestApiId ?? p.ApiId, id);
      if (api)
        ctx.fold(id, `API ${ctx.nodeOf.get(api)} (routes and deployments are not simulated separately)`);
    },
  },
];
