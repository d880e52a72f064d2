import { parseDocument, YAMLParseError, type Tags } from 'yaml';

/**
 * Reading a template's text: JSON or YAML with CloudFormation's short-form tags (`!Ref`,
 * `!GetAtt`, `!Sub`, …), turned into the long form (`{ Ref: … }`, `{ "Fn::GetAtt": [...] }`)
 * so that everything after this sees one shape. Size and alias expansion are bounded, so a
 * hostile file fails fast with a message instead of hanging the tab.
 */

/** "Template body size in an Amazon S3 object: 1 MB" (CloudFormation quotas, AWS CloudFormation User Guide, cloudformation-limits). */
export const MAX_TEMPLATE_BYTES = 1_000_000;
/** Resources per template: 500 (same quota page). */
export const MAX_RESOURCES = 500;
/** YAML aliases that may be expanded; a real template needs a handful, a "billion laughs" bomb millions. */
export const MAX_ALIAS_COUNT = 100;

const SHORT_FORMS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Select',
  'Split',
  'FindInMap',
  'ImportValue',
  'Equals',
  'Not',
  'And',
  'Or',
  'Base64',
  'Cidr',
  'GetAZs',
  'Transform',
  'Length',
  'ToJsonString',
] as const;

function longName(n: string): string {
  return n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`;
}

/** `!GetAtt A.B` (scalar) is `["A", "B"]`: the logical id has no dots, the attribute may. */
function getAttScalar(s: string): unknown {
  const dot = s.indexOf('.');
  return dot > 0 ? [s.slice(0, dot), s.slice(dot + 1)] : s;
}

const CFN_TAGS: Tags = SHORT_FORMS.flatMap((n) => {
  const key = longName(n);
  return [
    { tag: `!${n}`, resolve: (s: string) => ({ [key]: n === 'GetAtt' ? getAttScalar(s) : s }) },
    {
      tag: `!${n}`,
      collection: 'seq' as const,
      resolve: (seq: { toJSON(): unknown }) => ({ [key]: seq.toJSON() }),
    },
    {
      tag: `!${n}`,
      collection: 'map' as const,
      resolve: (map: { toJSON(): unknown }) => ({ [key]: map.toJSON() }),
    },
  ];
}) as Tags;

export interface ParseFailure {
  ok: false;
  /** 1-based line of the problem, when it has one. */
  line?: number;
  reason: string;
}

export type ParseResult = { ok: true; doc: unknown } | ParseFailure;

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function mb(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The document, or the line and the reason it cannot be read. */
export function parseTemplateText(text: string): ParseResult {
  // Cheap bound first (a UTF-16 length can only undercount bytes by 3×).
  if (text.length > MAX_TEMPLATE_BYTES || byteLength(text) > MAX_TEMPLATE_BYTES) {
    return {
      ok: false,
      reason: `the file is ${mb(byteLength(text))}; CloudFormation accepts templates of at most 1 MB, so this is not a deployable template (split it into nested stacks)`,
    };
  }
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return { ok: true, doc: JSON.parse(trimmed) };
    } catch (e) {
      // Fall through to YAML (a superset of JSON) only for its better position reporting.
      const yamlTry = parseYaml(trimmed);
      if (!yamlTry.ok) return yamlTry;
      return { ok: false, reason: `not valid JSON: ${(e as Error).message}` };
    }
  }
  return parseYaml(text);
}

function parseYaml(text: string): ParseResult {
  let doc;
  try {
    doc = parseDocument(text, { customTags: CFN_TAGS, prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    return { ok: false, reason: `not valid YAML: ${(e as Error).message}` };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    return { ok: false, line: lineOf(err), reason: `not valid YAML: ${firstLine(err.message)}` };
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    return {
      ok: false,
      line: lineOf(unknownTag),
      reason: `${firstLine(unknownTag.message)} (CloudFormation knows !Ref, !GetAtt, !Sub, !Join, !If, !Select, !Split, !FindInMap, !ImportValue, !Equals, !Not, !And, !Or, !Base64, !Cidr, !GetAZs, !Condition)`,
    };
  }
  try {
    return { ok: true, doc: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    const msg = (e as Error).message;
    if (/alias/i.test(msg)) {
      return {
        ok: false,
        reason: `the YAML expands its aliases (*name) too many times (more than ${MAX_ALIAS_COUNT}), the shape of a "billion laughs" attack; a template never needs that: write the repeated parts out`,
      };
    }
    return { ok: false, reason: `not valid YAML: ${firstLine(msg)}` };
  }
}

function lineOf(err: {
  linePos?: [{ line: number; col: number }] | [{ line: number }, unknown];
}): number | undefined {
  const p = err.linePos?.[0] as { line: number } | undefined;
  return p?.line;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

export { YAMLParseError };
