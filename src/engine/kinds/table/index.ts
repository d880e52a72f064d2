import { ScenarioError } from '../../scenario/issues';
import type { KindModule } from '../types';
import { TableRuntime } from './runtime';
import { tableParams, type TableParams } from './schema';

export const tableKind: KindModule<TableParams> = {
  kind: 'table',
  title: 'DynamoDB table',
  group: 'storage',
  description: 'Amazon DynamoDB table in on-demand mode: billed per read and write request unit; its stream can trigger a function.',
  params: tableParams,
  summary: (p) =>
    `on-demand · ${p.itemKB} KB items` +
    (p.readsPerRequest > 0 ? ` · ${p.readsPerRequest} reads/write` : '') +
    (p.streamEnabled ? ' · stream on' : ''),
  create: (ctx, spec, index) => {
    if (spec.params.streamEnabled) {
      throw new ScenarioError([
        {
          path: `nodes[${index}].params.streamEnabled`,
          nodeId: spec.id,
          value: true,
          message: 'DynamoDB streams are not simulated yet: set streamEnabled to false (and remove the table → function edge) to run this scenario',
        },
      ]);
    }
    return new TableRuntime(ctx, spec, index);
  },
};
