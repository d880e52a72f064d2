import type { KindModule } from '../types';
import { TableRuntime } from './runtime';
import { tableParams, type TableParams } from './schema';

export const tableKind: KindModule<TableParams> = {
  kind: 'table',
  title: 'DynamoDB table',
  group: 'storage',
  description:
    'Amazon DynamoDB table in on-demand mode: billed per read and write request unit; its stream can trigger a function.',
  params: tableParams,
  summary: (p) =>
    `on-demand · ${p.itemKB} KB items` +
    (p.readsPerRequest > 0 ? ` · ${p.readsPerRequest} reads/write` : '') +
    (p.streamEnabled ? ' · stream on' : ''),
  create: (ctx, spec, index) => new TableRuntime(ctx, spec, index),
};
