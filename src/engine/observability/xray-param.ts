import { bool, num } from '../scenario/params';

/**
 * The tracing switch of every kind X-Ray supports (function, API Gateway, state machine).
 * Kept apart from the sampler so schemas (which the app bundles) import no runtime module.
 */
export const xrayTracingParam = () =>
  bool({
    default: false,
    help: 'X-Ray active tracing: the default sampling rule traces the first request each second and 5 % of the others; each trace recorded costs $5 per million after 100,000 free a month.',
  });

/**
 * How often each recorded trace is read back (scanned by a query or retrieved whole). AWS bills
 * reads at $0.50 per million after 1,000,000 free a month; how often people query traces is
 * theirs to estimate, so it is a what-if. AWS's pricing example reads each trace about 5 times.
 */
export const xrayReadsParam = () =>
  num({
    min: 0,
    max: 1000,
    default: 1,
    unit: 'reads',
    help: 'Traces scanned or retrieved per trace recorded (the console’s trace list, queries, the service map). AWS’s pricing example reads each trace about 5 times; reads cost $0.50 per million after 1,000,000 free a month. Applies when this node starts the trace.',
  });
