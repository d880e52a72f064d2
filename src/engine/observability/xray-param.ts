import { bool } from '../scenario/params';

/**
 * The tracing switch of every kind X-Ray supports (function, API Gateway, state machine).
 * Kept apart from the sampler so schemas (which the app bundles) import no runtime module.
 */
export const xrayTracingParam = () =>
  bool({
    default: false,
    help: 'X-Ray active tracing: the default sampling rule traces the first request each second and 5 % of the others; each trace recorded costs $5 per million after 100,000 free a month.',
  });
