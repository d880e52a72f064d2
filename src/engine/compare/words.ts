/**
 * Design names are nouns people type ("functions", "monolith", "three tiers", "eks"): a
 * sentence about one agrees with its number. A name ending in a single s reads as a plural,
 * except a service's acronym (EKS, ECS, SQS: one cluster, one queue) and Latin or Greek
 * singulars (status, analysis).
 */
const SINGULAR_ACRONYMS = new Set([
  'aws',
  'eks',
  'ecs',
  'sqs',
  'sns',
  'kms',
  'efs',
  'ebs',
  'rds',
  'ses',
  'dms',
]);

export function isPlural(name: string): boolean {
  const last = name.trim().split(/\s+/).pop() ?? '';
  if (SINGULAR_ACRONYMS.has(last.toLowerCase())) return false;
  // An all-capitals word is an acronym: "EKS", "ALBS" is not how anyone writes a plural.
  if (last.length > 1 && last === last.toUpperCase() && /[A-Z]/.test(last)) return false;
  if (/(us|is)$/i.test(last)) return false;
  return /[^s]s$/i.test(last);
}

/** The verb for the name: verb("functions", "cost") = "cost", verb("monolith", "cost") = "costs". */
export function verb(name: string, base: string): string {
  return isPlural(name) ? base : `${base}s`;
}
