import type { CreateNode } from '../types';
import { ApiGatewayRuntime } from './runtime';
import type { ApiGatewayParams } from './schema';

export const createApiGateway: CreateNode<ApiGatewayParams> = (ctx, spec, index) =>
  new ApiGatewayRuntime(ctx, spec, index);
