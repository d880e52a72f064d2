import type { DotStyle } from './replay';

/**
 * How each kind of dot looks: a shape AND a colour (never colour alone), with the words the
 * legend uses. Two palettes: the normal one, and a high-contrast one for presentation mode.
 */
export interface DotLook {
  shape: 'circle' | 'diamond' | 'triangle' | 'cross' | 'square';
  fill: string;
  contrast: string;
  name: string;
  help: string;
}

export const DOT_LOOKS: Record<DotStyle, DotLook> = {
  normal: {
    shape: 'circle',
    fill: '#2563eb',
    contrast: '#0033cc',
    name: 'Request',
    help: 'a request or message on its way',
  },
  cold: {
    shape: 'diamond',
    fill: '#d97706',
    contrast: '#b35900',
    name: 'Cold start',
    help: 'waiting for a new execution environment to start',
  },
  retry: {
    shape: 'triangle',
    fill: '#7c3aed',
    contrast: '#5b00d6',
    name: 'Retry',
    help: 'a retry after a failure or a throttle',
  },
  error: {
    shape: 'cross',
    fill: '#dc2626',
    contrast: '#c00000',
    name: 'Error',
    help: 'failed: an error, a timeout or a throttle',
  },
  dlq: {
    shape: 'square',
    fill: '#9d174d',
    contrast: '#000000',
    name: 'To the DLQ',
    help: 'a message on its way to a dead-letter queue',
  },
};

export const DOT_ORDER: DotStyle[] = ['normal', 'cold', 'retry', 'error', 'dlq'];

/** Draws one dot centred on (x, y) with radius r. */
export function drawDot(
  ctx: CanvasRenderingContext2D,
  style: DotStyle,
  x: number,
  y: number,
  r: number,
  contrast: boolean,
  outline: string,
): void {
  const look = DOT_LOOKS[style];
  ctx.fillStyle = contrast ? look.contrast : look.fill;
  ctx.strokeStyle = outline;
  ctx.lineWidth = Math.max(1, r * 0.35);
  ctx.beginPath();
  addDotPath(ctx, look.shape, x, y, r);
  ctx.fill();
  ctx.stroke();
}

/**
 * Adds one dot's outline to the current path (no beginPath, no fill): many dots of one style
 * are then filled and stroked with one call each, which is what keeps 2,000 dots cheap.
 */
export function addDotPath(
  ctx: CanvasRenderingContext2D,
  shape: DotLook['shape'],
  x: number,
  y: number,
  r: number,
): void {
  switch (shape) {
    case 'circle':
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
      break;
    case 'diamond':
      ctx.moveTo(x, y - r * 1.3);
      ctx.lineTo(x + r * 1.3, y);
      ctx.lineTo(x, y + r * 1.3);
      ctx.lineTo(x - r * 1.3, y);
      ctx.closePath();
      break;
    case 'triangle':
      ctx.moveTo(x, y - r * 1.35);
      ctx.lineTo(x + r * 1.25, y + r * 0.9);
      ctx.lineTo(x - r * 1.25, y + r * 0.9);
      ctx.closePath();
      break;
    case 'square':
      ctx.rect(x - r, y - r, r * 2, r * 2);
      break;
    case 'cross': {
      const a = r * 1.1;
      const w = r * 0.45;
      ctx.moveTo(x - a, y - a + w);
      ctx.lineTo(x - a + w, y - a);
      ctx.lineTo(x, y - w);
      ctx.lineTo(x + a - w, y - a);
      ctx.lineTo(x + a, y - a + w);
      ctx.lineTo(x + w, y);
      ctx.lineTo(x + a, y + a - w);
      ctx.lineTo(x + a - w, y + a);
      ctx.lineTo(x, y + w);
      ctx.lineTo(x - a + w, y + a);
      ctx.lineTo(x - a, y + a - w);
      ctx.lineTo(x - w, y);
      ctx.closePath();
      break;
    }
  }
}

/** The same shapes as small SVGs, for the legend and the trace list. */
export function DotIcon({ style, size = 14 }: { style: DotStyle; size?: number }) {
  const look = DOT_LOOKS[style];
  const c = 'var(--classroom-dot-' + style + ', ' + look.fill + ')';
  const common = { fill: c, stroke: 'var(--surface)', strokeWidth: 1.5 };
  let shape;
  switch (look.shape) {
    case 'circle':
      shape = <circle cx="8" cy="8" r="5.5" {...common} />;
      break;
    case 'diamond':
      shape = <path d="M8 1.5 L14.5 8 L8 14.5 L1.5 8 Z" {...common} />;
      break;
    case 'triangle':
      shape = <path d="M8 1.5 L14.5 13.5 L1.5 13.5 Z" {...common} />;
      break;
    case 'square':
      shape = <rect x="2.5" y="2.5" width="11" height="11" {...common} />;
      break;
    case 'cross':
      shape = (
        <path
          d="M3 1.5 L8 6.5 L13 1.5 L14.5 3 L9.5 8 L14.5 13 L13 14.5 L8 9.5 L3 14.5 L1.5 13 L6.5 8 L1.5 3 Z"
          {...common}
        />
      );
      break;
  }
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="dot-icon">
      {shape}
    </svg>
  );
}
