import { describe, expect, it } from 'vitest';
import { doc, findings, fixed, only } from './helpers';

describe("api-timeout: a function timeout above API Gateway's integration timeout [APIGW-LIM]", () => {
  const d = (flavor: 'rest' | 'http', timeoutMs: number) =>
    doc(
      [
        { id: 'api', kind: 'apiGateway', label: 'Public API', params: { flavor } },
        { id: 'f', kind: 'function', label: 'Report', params: { timeoutMs } },
      ],
      [{ source: 'api', target: 'f' }],
    );

  it('REST waits 29 s by default: a 60 s function is warned, and the fix sets 29 s', () => {
    const f = only(d('rest', 60000), 'api-timeout');
    expect(f.message).toBe(
      'Report may run for 60 s, but Public API stops waiting after 29 s: the client gets a 504 while Report runs on, and is billed, for nobody.',
    );
    const after = fixed(d('rest', 60000), f);
    expect(after.nodes[1].params.timeoutMs).toBe(29000);
    expect(findings(after, 'api-timeout')).toEqual([]);
  });

  it('an HTTP API waits 30 s: 30 s is fine, 30.001 s is not', () => {
    expect(findings(d('http', 30000), 'api-timeout')).toEqual([]);
    expect(findings(d('http', 30001), 'api-timeout')).toHaveLength(1);
  });
});
