import { describe, expect, it } from 'vitest';
import { columnsOf, easeColumns, nodeWidthFor, presentLayout } from '../../src/app/classroom/present-layout';

const node = (id: string, x: number, y: number) => ({ id, x, y });

describe('presentation layout', () => {
  it('groups x positions closer than half a node into one column', () => {
    const cols = columnsOf([node('a', 0, 0), node('b', 60, 200), node('c', 260, 0), node('d', 520, 0)]);
    expect([...cols.values()]).toEqual([0, 0, 1, 2]);
  });

  it('eases the tallest columns: the lowest free node into a next column with room, then a column of four wraps its free nodes into a new one', () => {
    // orchestration-vs-choreography's shape: two rows sharing columns, four stacked in columns 3 and 4.
    const nodes = [
      node('svc', 520, 60),
      node('bus', 780, 60),
      node('reserve', 1040, -80),
      node('charge', 1040, 60),
      node('email', 1040, 200),
      node('failedPayments', 1300, 60),
      node('workflow', 520, 420),
      node('reserve2', 780, 300),
      node('charge2', 780, 420),
      node('email2', 780, 540),
      node('failedOrders', 1040, 420),
    ];
    const edges = [
      ['svc', 'bus'],
      ['bus', 'reserve'],
      ['bus', 'charge'],
      ['bus', 'email'],
      ['charge', 'failedPayments'],
      ['workflow', 'reserve2'],
      ['workflow', 'charge2'],
      ['workflow', 'email2'],
      ['workflow', 'failedOrders'],
    ].map(([source, target]) => ({ source, target }));
    const eased = easeColumns(nodes, columnsOf(nodes), edges)!;
    expect(Object.fromEntries(eased)).toEqual({
      svc: 0,
      workflow: 0,
      bus: 1,
      // Wrapped out of column 1: the nodes no edge leaves, entered from the left.
      reserve2: 2,
      charge2: 2,
      email2: 2,
      // Column 2 shifted right by the new one.
      reserve: 3,
      charge: 3,
      email: 3,
      // The lowest free node of the four, not 'reserve' at the top.
      failedOrders: 4,
      failedPayments: 4,
    });
    // Three stacked in the last column: no next column to move into, none wrapped.
    expect(easeColumns(nodes.slice(0, 5), columnsOf(nodes.slice(0, 5)), edges)).toBeNull();
  });

  it('node width: the column pitch less an arrow gap, between 9 and 15 em', () => {
    // 3 columns over 1800 px: pitch 600, capped at 15 × 24 = 360.
    expect(nodeWidthFor(3, 1800, 24)).toBe(360);
    // 7 columns over 1840 px: pitch 262.9 less 1.5 × 24 = 226.9.
    expect(nodeWidthFor(7, 1840, 24)).toBe(227);
    // 10 columns: 9 em = 216 px at the least.
    expect(nodeWidthFor(10, 1840, 24)).toBe(216);
  });

  it('a row of three spreads over the whole width at zoom 1', () => {
    const l = presentLayout({
      nodes: [node('a', 0, 80), node('b', 260, 80), node('c', 520, 80)],
      heights: { a: 100, b: 100, c: 100 },
      fallbackHeight: 100,
      roomUnder: { c: 160 },
      roomAbove: 36,
      area: { w: 1800, h: 500 },
      px: 24,
    });
    expect(l.fits).toBe(true);
    expect(l.nodeWidth).toBe(360);
    // The last column's right edge on the area's right edge: (1800 − 360) / 2 apart.
    expect(l.positions.a).toEqual({ x: 0, y: 0 });
    expect(l.positions.b).toEqual({ x: 720, y: 0 });
    expect(l.positions.c).toEqual({ x: 1440, y: 0 });
    // The room under c is kept under the diagram.
    expect(l.extraBottom).toBe(160);
  });

  it('stacked nodes keep their order and the room under each (insides, then the dots above the next)', () => {
    const l = presentLayout({
      nodes: [node('top', 0, 0), node('mid', 0, 100), node('low', 0, 200)],
      heights: { top: 80, mid: 80, low: 80 },
      fallbackHeight: 80,
      roomUnder: { top: 100, mid: 100 },
      roomAbove: 36,
      area: { w: 400, h: 1000 },
      px: 24,
    });
    const [a, b, c] = [l.positions.top.y, l.positions.mid.y, l.positions.low.y];
    expect(b - a).toBeGreaterThanOrEqual(80 + 100 + 36);
    expect(c - b).toBeGreaterThanOrEqual(80 + 100 + 36);
    // Stretched as far as fits: the lowest box ends on the area's bottom (low has no room under it).
    expect(c + 80).toBeCloseTo(1000, -1);
    expect(l.fits).toBe(true);
  });

  it('too tall at the full room: less of the room between stacked nodes, if allowed; else it says it does not fit', () => {
    const input = {
      nodes: [node('a', 0, 0), node('b', 0, 100), node('c', 0, 200)],
      heights: { a: 80, b: 80, c: 80 },
      fallbackHeight: 80,
      roomUnder: { a: 160, b: 160 },
      roomAbove: 36,
      area: { w: 400, h: 500 },
      px: 24,
    };
    // Full room: 3 × 80 + 2 × (160 + 36) = 632 > 500.
    expect(presentLayout(input).fits).toBe(false);
    const shared = presentLayout(input, [1, 0.6, 0.3, 0]);
    // 0.6: 240 + 2 × (96 + 36) = 504 > 500; 0.3: 240 + 2 × (48 + 36) = 408.
    expect(shared.fits).toBe(true);
    expect(shared.roomShare).toBe(0.3);
    const ys = ['a', 'b', 'c'].map((id) => shared.positions[id].y);
    for (let i = 1; i < 3; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(80 + 48 + 36);
  });

  it('more columns than fit at 9 em: it does not fit (the fit zooms out)', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => node(`n${i}`, i * 260, 0));
    const l = presentLayout({
      nodes,
      heights: {},
      fallbackHeight: 80,
      roomUnder: {},
      roomAbove: 36,
      area: { w: 1800, h: 500 },
      px: 24,
    });
    expect(l.fits).toBe(false);
  });

  it("an edge's label gets a gap before its target's column as wide as the label, taken from the nodes' width", () => {
    const input = {
      nodes: [node('a', 0, 0), node('b', 260, 0), node('c', 520, 0), node('d', 780, 0)],
      heights: {},
      fallbackHeight: 80,
      roomUnder: {},
      roomAbove: 26,
      area: { w: 1400, h: 500 },
      px: 24,
    };
    const plain = presentLayout(input);
    // 4 columns over 1400 px: pitch 350 less 36.
    expect(plain.nodeWidth).toBe(314);
    const labelled = presentLayout({ ...input, labels: [{ source: 'b', target: 'c', w: 200 }] });
    // The gap before c: the label and 20 px beside it; the other two gaps 36 px at the least.
    const gapBC = labelled.positions.c.x - (labelled.positions.b.x + labelled.nodeWidth);
    expect(gapBC).toBeGreaterThanOrEqual(220);
    expect(labelled.positions.b.x - (labelled.positions.a.x + labelled.nodeWidth)).toBeGreaterThanOrEqual(36);
    // Its extra 184 px shared by the four columns: 46 px narrower nodes.
    expect(labelled.nodeWidth).toBe(314 - 46);
    expect(labelled.positions.d.x + labelled.nodeWidth).toBeCloseTo(1400, -1);
    // Labels wider than the room leave the nodes their least width (9 em), the gaps what is left.
    const crowded = presentLayout({
      ...input,
      labels: [
        { source: 'a', target: 'b', w: 600 },
        { source: 'c', target: 'd', w: 600 },
      ],
    });
    expect(crowded.nodeWidth).toBe(216);
    expect(crowded.fits).toBe(true);
    // A label on an edge going back to the left needs no gap of its own.
    expect(presentLayout({ ...input, labels: [{ source: 'd', target: 'a', w: 200 }] }).nodeWidth).toBe(314);
  });
});
