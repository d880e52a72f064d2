import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameTimes } from '../../src/app/classroom/export-replay';
import { noticeOf } from '../../src/app/classroom/handout-text';

describe('replay export: frames at replay times', () => {
  it('one frame per 1/fps s of the file, each speed/fps of simulated time after the last', () => {
    // 10 s to 12 s at 1×, 5 per second: 2 s of file, 10 frames 200 ms of replay apart.
    const a = frameTimes({ fromMs: 10_000, toMs: 12_000, speed: 1, fps: 5, width: 640, height: 360 });
    expect(a).toHaveLength(10);
    expect(a[0]).toBe(10_000);
    expect(a[9]).toBe(11_800);
    // 30 s to 34 s at 2×, 10 per second: 2 s of file, 20 frames 200 ms apart.
    const b = frameTimes({ fromMs: 30_000, toMs: 34_000, speed: 2, fps: 10, width: 640, height: 360 });
    expect(b).toHaveLength(20);
    expect(b[1] - b[0]).toBe(200);
    expect(b[19]).toBe(33_800);
    // An empty window still gives its first frame.
    expect(frameTimes({ fromMs: 5000, toMs: 5000, speed: 1, fps: 10, width: 2, height: 2 })).toEqual([5000]);
  });
});

describe('handout: what to notice', () => {
  const notes = (name: string) =>
    JSON.parse(readFileSync(resolve(import.meta.dirname, `../../src/templates/${name}.json`), 'utf8'))
      .notes as string;

  it('takes the "What to notice" part of the notes, up to the next bold heading', () => {
    const text = notes('kinesis-analytics');
    const n = noticeOf(text);
    expect(n.startsWith('- **Iterator age**')).toBe(true);
    expect(n).toContain('Reading with Lambda');
    // The "Try" part after it is not what to notice.
    expect(n).not.toContain('parallelizationFactor');
    expect(text).toContain('parallelizationFactor');
  });

  it('is empty when the notes have no such part', () => {
    expect(noticeOf('Just a note.\n\n**Try**\n- something')).toBe('');
    expect(noticeOf('')).toBe('');
    expect(noticeOf('## What to notice\nThe queue.\n## Try\nMore.')).toBe('The queue.');
  });
});
