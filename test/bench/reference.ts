/**
 * The same-process reference for `npm run bench`: the API Gateway → Lambda workload of
 * apiFunctionScenario written the bare loop's way, with no engine around it. Poisson arrivals
 * held in one register beside a typed-array heap of (time, invocation) pairs; sfc32 in local
 * variables; a token bucket; execution environments reused newest-first and reclaimed
 * oldest-first after their keep-alive; the scaling-rate bucket; lognormal cold starts and
 * durations; two histogram adds and a GB-second sum per request. Nothing allocates per
 * request. Its figures are not compared with the engine's (they differ in which random draw
 * goes where); only its speed is, as the ceiling the engine's own loop is measured against.
 */
import { Histogram } from '../../src/engine/metrics/histogram';

export interface ReferenceRun {
  requests: number;
  events: number;
  wallMs: number;
  cpuMs: number;
  meanLatencyMs: number;
  gbSeconds: number;
}

export function runReference(ratePerSecond: number, seconds: number, seed = 7): ReferenceRun {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // sfc32, seeded by splitmix32 (the engine's generator, not its stream assignment).
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split() | 1;
  const uOpen = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return ((t >>> 0) + 1) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uOpen())) * Math.cos(2 * Math.PI * (uOpen() - 2 ** -32));
  // Lognormal parameters as the engine derives them: duration from mean 80 / p99 300 ms,
  // INIT (nodejs22.x, 512 MB x86) from mean 140 ms with a 0.25 coefficient of variation.
  const z99 = 2.3263478740408408;
  const sigD = z99 - Math.sqrt(z99 * z99 - 2 * Math.log(300 / 80));
  const muD = Math.log(80) - (sigD * sigD) / 2;
  const sigI = Math.sqrt(Math.log(1 + 0.25 * 0.25));
  const muI = Math.log(140) - (sigI * sigI) / 2;

  const endMs = seconds * 1000;
  const ratePerMs = ratePerSecond / 1000;
  const keepAliveMs = 600_000;
  const timeoutMs = 3000;
  const apiTimeoutMs = 30_000;
  const overheadMs = 10;
  const gb = 512 / 1024;
  // Heap of (time, invocation); ties broken by a sequence number as in the engine.
  let cap = 1024;
  let hT = new Float64Array(cap);
  let hS = new Float64Array(cap);
  let hI = new Int32Array(cap);
  let n = 0;
  let seq = 0;
  // Invocations: request start, environment, INIT ms. Environments: idle-since; idle ring.
  let invStart = new Float64Array(cap);
  let invEnv = new Int32Array(cap);
  let invInit = new Float64Array(cap);
  let invFree = new Int32Array(cap);
  let nInvFree = 0;
  let nInv = 0;
  let envIdle = new Float64Array(cap);
  let ring = new Int32Array(cap);
  let ringHead = 0;
  let ringCount = 0;
  let envFree = new Int32Array(cap);
  let nEnvFree = 0;
  let nEnv = 0;
  let busy = 0;
  let tokens = 5000;
  let refilled = 0;
  let scale = 1000;
  let scaled = 0;
  let requests = 0;
  let events = 0;
  let gbs = 0;
  const latency = new Histogram();
  const durations = new Histogram();

  let nextArrival = -Math.log(uOpen()) / ratePerMs;
  for (;;) {
    const fromHeap = n > 0 && hT[0] < nextArrival;
    const t = fromHeap ? hT[0] : nextArrival;
    if (t > endMs) break;
    events++;
    if (!fromHeap) {
      requests++;
      nextArrival = t - Math.log(uOpen()) / ratePerMs;
      tokens = Math.min(5000, tokens + (t - refilled) * 10);
      refilled = t;
      if (tokens < 1) continue;
      tokens -= 1;
      if (busy >= 1000) continue;
      while (ringCount > 0 && envIdle[ring[ringHead]] + keepAliveMs <= t) {
        envFree[nEnvFree++] = ring[ringHead];
        ringHead = (ringHead + 1) & (ring.length - 1);
        ringCount--;
      }
      let env: number;
      let init = 0;
      if (ringCount > 0) env = ring[(ringHead + --ringCount) & (ring.length - 1)];
      else {
        scale = Math.min(1000, scale + (t - scaled) * 0.1);
        scaled = t;
        if (scale < 1) continue;
        scale -= 1;
        env = nEnvFree > 0 ? envFree[--nEnvFree] : nEnv++;
        if (nEnv > envIdle.length) {
          envIdle = grow(envIdle);
          envFree = growI(envFree);
          const r2 = new Int32Array(ring.length * 2);
          for (let i = 0; i < ringCount; i++) r2[i] = ring[(ringHead + i) & (ring.length - 1)];
          ring = r2;
          ringHead = 0;
        }
        init = Math.exp(muI + sigI * normal());
      }
      busy++;
      const run = Math.min(timeoutMs, Math.exp(muD + sigD * normal()));
      const inv = nInvFree > 0 ? invFree[--nInvFree] : nInv++;
      if (nInv > invStart.length) {
        invStart = grow(invStart);
        invInit = grow(invInit);
        invEnv = growI(invEnv);
        invFree = growI(invFree);
      }
      invStart[inv] = t;
      invEnv[inv] = env;
      invInit[inv] = init;
      // Push (t + init + run, inv): sift up.
      if (n === cap) {
        cap *= 2;
        hT = grow(hT);
        hS = grow(hS);
        hI = growI(hI);
      }
      const et = t + init + run;
      const es = seq++;
      let i = n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (hT[p] < et || (hT[p] === et && hS[p] < es)) break;
        hT[i] = hT[p];
        hS[i] = hS[p];
        hI[i] = hI[p];
        i = p;
      }
      hT[i] = et;
      hS[i] = es;
      hI[i] = inv;
      continue;
    }
    // Pop the handler's end: sift the last element down from the root.
    const inv = hI[0];
    const last = --n;
    if (last > 0) {
      const lt = hT[last];
      const ls = hS[last];
      const li = hI[last];
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let ch = 2 * i + 1;
        if (ch + 1 < last && (hT[ch + 1] < hT[ch] || (hT[ch + 1] === hT[ch] && hS[ch + 1] < hS[ch]))) ch++;
        if (lt < hT[ch] || (lt === hT[ch] && ls < hS[ch])) break;
        hT[i] = hT[ch];
        hS[i] = hS[ch];
        hI[i] = hI[ch];
        i = ch;
      }
      hT[i] = lt;
      hS[i] = ls;
      hI[i] = li;
    }
    const start = invStart[inv];
    const init = invInit[inv];
    const env = invEnv[inv];
    invFree[nInvFree++] = inv;
    busy--;
    envIdle[env] = t;
    ring[(ringHead + ringCount++) & (ring.length - 1)] = env;
    const invokeMs = t - start - init;
    durations.add(invokeMs);
    gbs += ((Math.ceil(invokeMs) + Math.ceil(init)) / 1000) * gb;
    const answered = t - start > apiTimeoutMs ? start + apiTimeoutMs : t;
    latency.add(answered + overheadMs - start);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    requests,
    events,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    meanLatencyMs: latency.count ? latency.sum / latency.count : 0,
    gbSeconds: gbs,
  };
}

function grow(x: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const y = new Float64Array(x.length * 2);
  y.set(x);
  return y;
}

function growI(x: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const y = new Int32Array(x.length * 2);
  y.set(x);
  return y;
}
