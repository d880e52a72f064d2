import type { AwsCategory, KindPicture } from '../../engine/kinds/catalog-types';
import type { NodeKind } from '../../engine/kinds/vocabulary';

/**
 * AWS's category colours, as in the icons themselves: a node's accent follows its service's
 * category, the way AWS diagrams read.
 */
export const CATEGORY_COLOURS = {
  compute: '#ed7100',
  integration: '#e7157b',
  networking: '#8c4fff',
  analytics: '#8c4fff',
  storage: '#7aa116',
  database: '#c925d1',
  general: '#232f3e',
} as const satisfies Record<AwsCategory, string>;

/** A kind's folder name from the path of its icon.ts: `…/kinds/queue/icon.ts` → `queue`. */
export function kindOfIconPath(path: string): string {
  const m = /\/kinds\/([^/]+)\/icon\.ts$/.exec(path);
  if (!m) throw new Error(`${path} is not a kinds/<kind>/icon.ts file`);
  return m[1];
}

/**
 * Each kind's picture, from its own folder (kinds/<kind>/icon.ts, AWS Architecture Icons via the
 * aws-icons package; terms in the README): the bundler finds them, so a new kind's picture needs
 * no line here, and only the SVGs the kinds use are bundled, each as a small asset URL.
 * test/app/canvas/kind-icons.test.ts checks every kind has one.
 */
export const PICTURES: Readonly<Record<string, KindPicture>> = Object.fromEntries(
  Object.entries(
    import.meta.glob<KindPicture>('../../engine/kinds/*/icon.ts', { eager: true, import: 'default' }),
  ).map(([path, picture]) => [kindOfIconPath(path), picture]),
);

function artOf(kind: NodeKind): KindPicture | undefined {
  return PICTURES[kind];
}

export function categoryColour(kind: NodeKind): string {
  return CATEGORY_COLOURS[artOf(kind)?.category ?? 'general'];
}

/** The kind's AWS icon; decorative (the label beside it names the node). Size 0: sized by CSS. */
export function KindIcon({ kind, size = 20 }: { kind: NodeKind; size?: number }) {
  const art = artOf(kind);
  return (
    <span
      className={`kind-icon kind-icon--${kind}${art?.resource ? ' kind-icon--resource' : ''}`}
      style={size ? { width: size, height: size } : undefined}
      aria-hidden="true"
    >
      {art ? (
        <img src={art.src} alt="" width={size || undefined} height={size || undefined} draggable={false} />
      ) : null}
    </span>
  );
}
