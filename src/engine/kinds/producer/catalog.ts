import { WRITER_CONNECTIONS } from '../shared-connections';
import { fmtNumber } from '../../scenario/params';
import { defineCatalog, NO_TRAITS, numberOr } from '../catalog-types';
import { DEFAULT_RATE_PER_SECOND, producerParams, type Traffic } from './schema';

export const producerCatalog = defineCatalog({
  kind: 'producer',
  title: 'Producer',
  group: 'sources',
  inSentence: 'a producer',
  description:
    'Clients, devices or an upstream system sending requests or events at a rate that can be steady, random, daily, spiky, ramping or replayed from a trace.',
  params: producerParams,
  fields: {
    traffic: {
      title: 'Traffic',
      fields: {
        shape: {
          title: 'Arrivals',
          options: {
            constant: 'Evenly spaced',
            poisson: 'Random (Poisson)',
            diurnal: 'Daily curve',
            spike: 'Spike',
            ramp: 'Ramp',
            trace: 'From a trace',
          },
        },
        points: { title: 'Trace points [seconds, requests/s]' },
      },
    },
    payloadKB: { title: 'Request size' },
    eventTypes: { title: 'Event types' },
    messageGroups: { title: 'FIFO message groups', group: 'advanced' },
  },
  summary: (p) => `${p.traffic.shape} · ${rateText(p.traffic)} · ${fmtNumber(p.payloadKB)} KB`,
  metrics: {
    requests: { role: 'counter', label: 'Requests sent', badge: { word: 'req' }, recorded: 'increments' },
    meanRatePerSecond: { role: 'gauge', label: 'Mean rate (req/s)' },
  },
  series: {
    requests: { sampling: 'rate', label: 'Requests', chart: 'traffic' },
  },
  outcomes: {},
  traits: { ...NO_TRAITS, source: true },
  requestsPerSecond: (p) => {
    const traffic = (p.traffic ?? {}) as Record<string, unknown>;
    return Math.max(
      numberOr(traffic.ratePerSecond, DEFAULT_RATE_PER_SECOND),
      numberOr(traffic.peakRatePerSecond, 0),
    );
  },
  serviceMap: { count: ['requests'] },
  meters: [],
  groups: ['writers'],
  connections: [
    {
      to: ['apiGateway', 'loadBalancer'],
      roles: ['invoke'],
      meaning: 'request',
      params: [],
      help: 'Clients send synchronous requests and wait for the status and latency.',
    },
    ...WRITER_CONNECTIONS,
  ],
});

/** The rate part of the canvas summary, e.g. "10 req/s", "10–100 req/s", "10→100 req/s". */
function rateText(t: Traffic): string {
  const r = fmtNumber(t.ratePerSecond);
  const peak = fmtNumber(t.peakRatePerSecond);
  switch (t.shape) {
    case 'diurnal':
      return `${r}–${peak} req/s`;
    case 'spike':
    case 'ramp':
      return `${r}→${peak} req/s`;
    case 'trace': {
      const max = t.points.reduce((m, q) => Math.max(m, q[1]), 0);
      return `${t.points.length} points, ≤ ${fmtNumber(max)} req/s`;
    }
    default:
      return `${r} req/s`;
  }
}
