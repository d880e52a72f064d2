import { describe, expect, it } from 'vitest';
import { OldestAge } from '../../../src/engine/metrics/oldest-age';
import { SeriesSet } from '../../../src/engine/metrics/series';

// One-second buckets over ten seconds; values by hand below.
function setup(measureFromMs: number, capMs: number) {
  const s = new SeriesSet(1, 10);
  const h = s.register('q.ageSeconds', 'max');
  return { s, age: new OldestAge(measureFromMs, capMs, s, h) };
}

describe('OldestAge', () => {
  it('grows linearly between updates: each bucket that ended gets the age at its end, the last look its own', () => {
    const { s, age } = setup(0, 60_000);
    age.update(1000, 1500); // an item that arrived at 1 s is oldest from 1.5 s
    age.update(NaN, 4200); // it leaves at 4.2 s, aged 3.2 s
    expect(age.maxMs).toBe(3200);
    // Buckets ending at 2, 3 and 4 s hold ages 1, 2 and 3 s; the look at 4.2 s adds 3.2 s.
    expect(s.toRecord()['q.ageSeconds'].slice(0, 6)).toEqual([0, 1, 2, 3, 3.2, 0]);
    expect(age.waiting).toBe(false);
  });

  it('never exceeds the cap (the retention), and an item leaving at a known age is noted', () => {
    const { s, age } = setup(0, 5000);
    age.update(0, 5000);
    age.observe(9000);
    expect(age.maxMs).toBe(5000);
    age.note(6000, 9500); // a message deleted while in flight, 6 s after it was sent
    expect(age.maxMs).toBe(6000);
    expect(s.toRecord()['q.ageSeconds'].slice(5)).toEqual([5, 5, 5, 5, 6]);
  });

  it('counts nothing during the warm-up', () => {
    const { s, age } = setup(3000, 60_000);
    age.update(0, 0);
    age.observe(2000);
    expect(age.maxMs).toBe(0);
    age.observe(3500);
    expect(age.maxMs).toBe(3500);
    expect(s.toRecord()['q.ageSeconds'].slice(0, 4)).toEqual([0, 0, 0, 3.5]);
  });
});

describe('OldestAge: looking twice at one instant', () => {
  it('records the age of an item that became the oldest at t when it is looked at again at t', () => {
    // Item A (arrived at 300) is the oldest until 500, when B (arrived at 100: a message that
    // came back) becomes the oldest. A second look at 500 must record B's age there (400 ms):
    // the run may end at 500, and nothing else would record it.
    const a = new OldestAge(0, Infinity, null);
    a.update(300, 300);
    a.update(100, 500);
    expect(a.maxMs).toBe(200);
    a.update(100, 500);
    expect(a.maxMs).toBe(400);
    // A third look at the same instant changes nothing, and time moving on is recorded.
    a.update(100, 500);
    expect(a.maxMs).toBe(400);
    a.update(100, 900);
    expect(a.maxMs).toBe(800);
  });
});
