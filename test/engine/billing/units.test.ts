import { describe, expect, it } from 'vitest';
import {
  asyncEventRequests,
  billedMs,
  chunks,
  ec2BilledSeconds,
  fargateBilledSeconds,
  gbSeconds,
  pcBilledSeconds,
} from '../../../src/engine/billing/units';

describe('billedMs', () => {
  it('rounds up to 1 ms (since Dec 2020) or 100 ms (before)', () => {
    expect(billedMs(120.3, 1)).toBe(121);
    expect(billedMs(120.3, 100)).toBe(200);
    expect(billedMs(1, 100)).toBe(100);
    expect(billedMs(100, 100)).toBe(100);
    expect(billedMs(120, 1)).toBe(120);
  });

  it('keeps 0 at 0 (no minimum)', () => {
    expect(billedMs(0, 1)).toBe(0);
    expect(billedMs(0, 100)).toBe(0);
  });

  it('does not bill an extra unit for float noise on an exact duration', () => {
    expect(billedMs(0.1 + 0.2 + 119.7, 1)).toBe(120);
    expect(billedMs(0.1 * 3 * 1000, 100)).toBe(300);
  });
});

describe('gbSeconds', () => {
  it('is seconds × MB/1024', () => {
    expect(gbSeconds(120, 512)).toBe(0.12 * 0.5);
    expect(gbSeconds(1000, 1769)).toBeCloseTo(1769 / 1024, 12);
  });
});

describe('chunks', () => {
  it('counts 64 KB chunks for SQS, SNS and EventBridge', () => {
    expect(chunks(256, 64)).toBe(4);
    expect(chunks(1, 64)).toBe(1);
    expect(chunks(64, 64)).toBe(1);
    expect(chunks(65, 64)).toBe(2);
  });

  it('counts an empty payload once', () => {
    expect(chunks(0, 64)).toBe(1);
  });

  it('counts 25 KB Kinesis PUT payload units: 5 KB = 1, 45 KB = 2, 1 MB = 40', () => {
    expect(chunks(5, 25)).toBe(1);
    expect(chunks(45, 25)).toBe(2);
    expect(chunks(1000, 25)).toBe(40);
  });

  it('counts 512 KB HTTP API increments', () => {
    expect(chunks(10, 512)).toBe(1);
    expect(chunks(600, 512)).toBe(2);
  });
});

describe('asyncEventRequests', () => {
  it('bills 1 request up to 256 KB, then 1 per further 64 KB', () => {
    expect(asyncEventRequests(1)).toBe(1);
    expect(asyncEventRequests(256)).toBe(1);
    expect(asyncEventRequests(257)).toBe(2);
    // 1 + (1024 − 256) / 64 = 1 + 12
    expect(asyncEventRequests(1024)).toBe(13);
  });
});

describe('per-second billing with a 60-second minimum (EC2 Linux, Fargate)', () => {
  it('bills at least 60 s, then per started second', () => {
    expect(ec2BilledSeconds(45)).toBe(60);
    expect(ec2BilledSeconds(60)).toBe(60);
    expect(ec2BilledSeconds(61.2)).toBe(62);
    expect(fargateBilledSeconds(3600)).toBe(3600);
  });

  it('bills nothing for an instance that never ran', () => {
    expect(ec2BilledSeconds(0)).toBe(0);
  });
});

describe('pcBilledSeconds', () => {
  it('rounds the enabled period up to 5 minutes', () => {
    expect(pcBilledSeconds(1)).toBe(300);
    expect(pcBilledSeconds(300)).toBe(300);
    expect(pcBilledSeconds(301)).toBe(600);
    expect(pcBilledSeconds(0)).toBe(0);
  });
});
