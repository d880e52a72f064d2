import type { ImportContext, Mapper } from '../context';
import { isObj } from '../context';
import { numberOf, stringOf } from '../intrinsics';
import { patternMatch } from './matching';
import { scheduleParams } from './schedule-expr';

/** The bus a rule listens on: a bus of the template, or the account's default bus (implicit). */
export function busFor(ctx: ImportContext, name: unknown): string {
  const explicit = name === undefined ? undefined : ctx.target(name);
  if (explicit && ctx.node(explicit)?.kind === 'eventBus') return explicit;
  const s = stringOf(name);
  if (s && s !== 'default' && !explicit)
    ctx.warn(`event bus "${s}" is not in this template; its rules are drawn on the default bus`);
  return ctx.defaultBus();
}

/**
 * A rule target's RetryPolicy. AWS sets it per target; the simulator per bus, so the first
 * one read sets the bus and a different one later is reported.
 */
export function applyRetryPolicy(
  ctx: ImportContext,
  bus: string,
  rp: Record<string, unknown>,
  via: string,
): void {
  const node = ctx.node(bus);
  if (!node) return;
  const attempts = numberOf(rp.MaximumRetryAttempts);
  const age = numberOf(rp.MaximumEventAgeInSeconds);
  const p = node.params;
  if (
    (attempts !== undefined && p.maximumRetryAttempts !== undefined && p.maximumRetryAttempts !== attempts) ||
    (age !== undefined && p.maximumEventAgeSeconds !== undefined && p.maximumEventAgeSeconds !== age)
  ) {
    ctx.warn(
      `${via}: its RetryPolicy differs from another target's on bus ${node.id}; the simulator has one retry policy per bus (the first one read is used)`,
    );
    return;
  }
  if (attempts !== undefined) p.maximumRetryAttempts = attempts;
  if (age !== undefined) p.maximumEventAgeSeconds = age;
}

function targetsOf(p: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(p.Targets) ? p.Targets.filter(isObj) : [];
}

function linkTargets(
  ctx: ImportContext,
  from: string,
  ruleId: string,
  targets: Record<string, unknown>[],
  params: Record<string, unknown>,
  busRetries: boolean,
): void {
  for (const t of targets) {
    const to = ctx.target(t.Arn);
    const via = `${ruleId} target ${stringOf(t.Id) ?? ''}`.trim();
    if (!to) {
      ctx.unwired(`${via}: ${String(t.Arn)} is not a resource of this template`);
      continue;
    }
    ctx.link({ from, to, role: 'invoke', params, via });
    if (busRetries && isObj(t.RetryPolicy)) applyRetryPolicy(ctx, from, t.RetryPolicy, via);
    if (isObj(t.DeadLetterConfig)) {
      const dlq = ctx.target(t.DeadLetterConfig.Arn);
      if (dlq && busRetries)
        ctx.link({
          from,
          to: dlq,
          role: 'dlq',
          params: {},
          via: `${via} DeadLetterConfig`,
          forTargets: [to],
        });
      else
        ctx.warn(
          `${via}: DeadLetterConfig ${dlq ? 'of a scheduled rule is not simulated' : 'names no queue of this template'}`,
        );
    }
  }
}

export const eventMappers: Mapper[] = [
  {
    types: ['AWS::Events::EventBus'],
    phase: 1,
    map(ctx, id) {
      ctx.addNode(id, 'eventBus', {});
    },
  },
  {
    types: ['AWS::Events::Rule'],
    phase: 2,
    map(ctx, id, p) {
      const targets = targetsOf(p);
      const expr = stringOf(p.ScheduleExpression);
      if (p.State === 'DISABLED')
        ctx.warn(`${id}: the rule is disabled in the template; simulated as enabled`);
      if (expr) {
        const s = scheduleParams(expr);
        if ('problem' in s) {
          ctx.report.notMapped.push({ logicalId: id, type: 'AWS::Events::Rule', reason: s.problem });
          ctx.handled.add(id);
          return;
        }
        ctx.addNode(id, 'schedule', s.params);
        linkTargets(ctx, id, id, targets, {}, false);
        return;
      }
      const bus = busFor(ctx, p.EventBusName);
      const m = patternMatch(p.EventPattern);
      if (m.ignored.length)
        ctx.warn(
          `${id}: pattern fields ${m.ignored.join(', ')} are not simulated (only detail-type, or source, name event types)`,
        );
      linkTargets(ctx, bus, id, targets, m.types ? { pattern: { type: m.types } } : {}, true);
      ctx.fold(id, `edges from bus ${ctx.nodeOf.get(bus)}`);
    },
  },
  {
    types: ['AWS::Scheduler::Schedule'],
    phase: 2,
    map(ctx, id, p) {
      const s = scheduleParams(stringOf(p.ScheduleExpression) ?? '');
      if ('problem' in s) {
        ctx.report.notMapped.push({ logicalId: id, type: 'AWS::Scheduler::Schedule', reason: s.problem });
        ctx.handled.add(id);
        return;
      }
      ctx.addNode(id, 'schedule', s.params);
      if (isObj(p.Target)) linkTargets(ctx, id, id, [p.Target], {}, false);
    },
  },
  {
    types: ['AWS::Scheduler::ScheduleGroup'],
    phase: 2,
    map(ctx, id) {
      ctx.fold(id, 'its schedules');
    },
  },
];
