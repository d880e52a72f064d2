/**
 * A stand-in for a 2D context (jsdom has none): every character is 6 units wide, a line's ink
 * runs from its top to 10 units below; drawing calls are recorded, not drawn.
 */
export function fakeContext() {
  const calls: string[] = [];
  const ctx = {
    font: '',
    textBaseline: 'alphabetic',
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    measureText: (s: string) => ({
      width: s.length * 6,
      actualBoundingBoxLeft: 0,
      actualBoundingBoxRight: s.length * 6,
      actualBoundingBoxAscent: 0,
      actualBoundingBoxDescent: 10,
    }),
    fillText: (s: string) => calls.push(`text ${s}`),
    fillRect: () => calls.push('fillRect'),
    strokeRect: () => calls.push('strokeRect'),
    beginPath: () => {},
    rect: () => {},
    clip: () => {},
    moveTo: () => {},
    lineTo: () => {},
    stroke: () => {},
    save: () => {},
    restore: () => {},
    setLineDash: () => {},
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}
