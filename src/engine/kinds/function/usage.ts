import type { UsageLine } from '../../billing/types';
import { billedMs } from '../../billing/units';
import { BYTES_PER_GB, billedRetentionDays, storageGbMonths } from '../../observability/logs';
import type { FunctionParams } from './schema';

/**
 * What one function is billed for, in AWS's units (facts §1.1): requests; GB-seconds of
 * invoke duration and of INIT (billed for every configuration since 2025-08-01 [L-INIT]),
 * each rounded up to the billing granularity (1 ms since Dec 2020, 100 ms before [L-1MS]);
 * ephemeral storage above 512 MB; provisioned concurrency configured and its duration rate;
 * and its CloudWatch Logs, ingested and stored (every invocation that ran writes its lines).
 */
export class FunctionUsage {
  requests = 0;
  durationGbs = 0;
  initGbs = 0;
  pcDurationGbs = 0;
  pcConfiguredGbs = 0;
  ephemeralGbs = 0;
  /** Invocations that ran (and so wrote their log lines). */
  loggedInvocations = 0;
  /** GB-seconds spent waiting for synchronous callees (included in duration). */
  waitGbSeconds = 0;
  declare private readonly gb: number;
  declare private readonly extraEphemeralGb: number;

  constructor(
    private readonly p: FunctionParams,
    private readonly granularityMs: number,
  ) {
    this.gb = p.memoryMB / 1024;
    this.extraEphemeralGb = Math.max(0, p.ephemeralStorageMB - 512) / 1024;
  }

  /** `requests`: billed requests of this invocation (more than 1 for a large async event). */
  record(invokeMs: number, initMs: number, onProvisioned: boolean, syncWaitMs: number, requests = 1): void {
    this.requests += requests;
    this.loggedInvocations++;
    const inv = billedMs(invokeMs, this.granularityMs) / 1000;
    // A warm start has no INIT: nothing to round or add (adding 0 would change nothing).
    const init = initMs > 0 ? billedMs(initMs, this.granularityMs) / 1000 : 0;
    if (onProvisioned) this.pcDurationGbs += inv * this.gb;
    else {
      this.durationGbs += inv * this.gb;
      if (init > 0) this.initGbs += init * this.gb;
    }
    if (this.extraEphemeralGb > 0) this.ephemeralGbs += (inv + init) * this.extraEphemeralGb;
    if (syncWaitMs > 0) this.waitGbSeconds += (syncWaitMs / 1000) * this.gb;
  }

  /**
   * Provisioned concurrency is billed for the time it is enabled: here the whole run, which
   * the bill scales to a month. AWS rounds an enabled period up to 5 minutes [L-PRICE]; over
   * a month that is nothing, and rounding the run before scaling would multiply it.
   */
  closeRun(measuredMs: number): void {
    const pc = this.p.provisionedConcurrency;
    this.pcConfiguredGbs = pc > 0 ? pc * this.gb * (measuredMs / 1000) : 0;
  }

  get ingestedLogGb(): number {
    return (this.loggedInvocations * this.p.logBytesPerInvocation) / BYTES_PER_GB;
  }

  get billedGbSeconds(): number {
    return this.durationGbs + this.initGbs + this.pcDurationGbs;
  }

  lines(): UsageLine[] {
    const arch = this.p.architecture;
    // The free tier does not apply to functions with provisioned concurrency [L-PRICE].
    const noFreeTier = this.p.provisionedConcurrency > 0;
    const lines: UsageLine[] = [
      { meter: 'lambda.requests', name: 'requests', quantity: this.requests, noFreeTier },
      { meter: `lambda.duration.${arch}`, name: `compute (${arch})`, quantity: this.durationGbs, noFreeTier },
      {
        meter: `lambda.init.${arch}`,
        name: `INIT / cold starts (${arch})`,
        quantity: this.initGbs,
        noFreeTier,
      },
    ];
    if (this.p.provisionedConcurrency > 0) {
      lines.push({
        meter: `lambda.pc.${arch}`,
        name: 'provisioned concurrency',
        quantity: this.pcConfiguredGbs,
        noFreeTier,
      });
      lines.push({
        meter: `lambda.pcDuration.${arch}`,
        name: 'compute on provisioned environments',
        quantity: this.pcDurationGbs,
        noFreeTier,
      });
    }
    if (this.extraEphemeralGb > 0)
      lines.push({
        meter: 'lambda.ephemeral',
        name: 'ephemeral storage above 512 MB',
        quantity: this.ephemeralGbs,
      });
    if (this.p.logBytesPerInvocation > 0) {
      const ingestedGb = this.ingestedLogGb;
      const days = this.p.logRetentionDays;
      lines.push(
        { meter: 'logs.lambda.ingestedGb', name: 'CloudWatch Logs ingested', quantity: ingestedGb },
        {
          meter: 'logs.storageGbMonths',
          name:
            days === 0
              ? `CloudWatch Logs stored (never expire: a year of logs, still growing)`
              : `CloudWatch Logs stored (${billedRetentionDays(days)}-day retention)`,
          quantity: storageGbMonths(ingestedGb, days),
        },
      );
    }
    return lines;
  }
}
