/**
 * Design names are nouns people type ("functions", "monolith", "three tiers"): a sentence
 * about one agrees with its number. A name ending in a single s reads as a plural.
 */
export function isPlural(name: string): boolean {
  const last = name.trim().split(/\s+/).pop() ?? '';
  return /[^s]s$/i.test(last);
}

/** The verb for the name: verb("functions", "cost") = "cost", verb("monolith", "cost") = "costs". */
export function verb(name: string, base: string): string {
  return isPlural(name) ? base : `${base}s`;
}
