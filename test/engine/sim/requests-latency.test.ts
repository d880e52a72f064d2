import { describe, expect, it } from 'vitest';
import { Histogram } from '../../../src/engine/metrics/histogram';
import { COMPLETED, FAILED, Requests } from '../../../src/engine/sim/requests';

/**
 * Requests that end with an API's answer share the API's latency samples instead of adding
 * their own; the request histogram must still hold exactly the latencies of the requests
 * that ended, in any mix of endings. Checked against a histogram fed by hand.
 */
function state(h: Histogram) {
  return { count: h.count, sum: h.sum, max: h.max, counts: Array.from(h.counts) };
}

describe('request latency shared with an API', () => {
  it('is the API histogram while every request ends with its answer', () => {
    const r = new Requests(0, 0, 0);
    const api = new Histogram();
    const expected = new Histogram();
    for (let i = 0; i < 50; i++) {
      const id = r.open(i);
      const v = 10 + ((i * 7) % 13) / 3;
      r.endAnswered(id, COMPLETED, i + v, api, v);
      expected.add(v);
    }
    expect(state(r.latencyHistogram())).toEqual(state(expected));
    expect(api.count).toBe(50);
    expect(r.ended[COMPLETED]).toBe(50);
  });

  it('keeps exactly the ended requests once endings differ: other nodes, open paths, other APIs', () => {
    const r = new Requests(0, 0, 0);
    const api = new Histogram();
    const other = new Histogram();
    const expectedReq = new Histogram();
    const expectedApi = new Histogram();
    let t = 0;
    for (let i = 0; i < 20; i++) {
      const id = r.open(t);
      r.endAnswered(id, COMPLETED, t + 5 + i, api, 5 + i);
      expectedReq.add(5 + i);
      expectedApi.add(5 + i);
      t += 1;
    }
    // A request with a second path: the API answers, the request goes on (API sample only).
    const fan = r.open(t);
    r.spawn(fan);
    r.endAnswered(fan, COMPLETED, t + 3, api, 3);
    expectedApi.add(3);
    r.end(fan, FAILED, t + 40);
    expectedReq.add(40);
    // A request that never meets an API, and one answered by a second API.
    const plain = r.open(t);
    r.end(plain, COMPLETED, t + 2);
    expectedReq.add(2);
    const id2 = r.open(t);
    r.endAnswered(id2, COMPLETED, t + 8, other, 8);
    expectedReq.add(8);
    for (let i = 0; i < 10; i++) {
      const id = r.open(t);
      r.endAnswered(id, COMPLETED, t + 1 + i, api, 1 + i);
      expectedReq.add(1 + i);
      expectedApi.add(1 + i);
    }
    expect(state(r.latencyHistogram())).toEqual(state(expectedReq));
    expect(state(api)).toEqual(state(expectedApi));
    expect(other.count).toBe(1);
    expect(r.ended[FAILED]).toBe(1);
  });

  it('leaves requests opened in the warm-up out, while the API counts what it measures', () => {
    const r = new Requests(100, 0, 0);
    const api = new Histogram();
    const early = r.open(50);
    r.endAnswered(early, COMPLETED, 150, null, 100);
    const late = r.open(120);
    r.endAnswered(late, COMPLETED, 130, api, 10);
    expect(r.latencyHistogram().count).toBe(1);
    expect(r.latencyHistogram().sum).toBe(10);
    expect(r.entered).toBe(1);
  });
});
