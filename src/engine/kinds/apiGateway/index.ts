import type { KindModule } from '../types';
import { ApiGatewayRuntime } from './runtime';
import { apiGatewayParams, API_TIMEOUT_DEFAULT_MS, type ApiGatewayParams } from './schema';

export const apiGatewayKind: KindModule<ApiGatewayParams> = {
  kind: 'apiGateway',
  title: 'API Gateway',
  group: 'apis',
  description:
    'Amazon API Gateway: a managed HTTP front door that throttles, times out and proxies each request synchronously to its backend.',
  params: apiGatewayParams,
  summary: (p) =>
    `${p.flavor === 'http' ? 'HTTP API' : 'REST API'} · ${fmtRate(p.throttle.ratePerSecond)} req/s · timeout ${((p.timeoutMs ?? API_TIMEOUT_DEFAULT_MS[p.flavor]) / 1000).toString()} s`,
  create: (ctx, spec, index) => new ApiGatewayRuntime(ctx, spec, index),
};

function fmtRate(r: number): string {
  return r >= 1000 ? `${r / 1000}k` : String(r);
}
