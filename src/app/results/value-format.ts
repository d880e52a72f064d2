import { fmtCount } from './format';
import type { ValueFormat } from './series-groups';

/** Axis ticks: short. */
export function tickValue(v: number, format: ValueFormat): string {
  switch (format) {
    case 'percent':
      return `${Math.round(v * 100)}%`;
    case 'seconds':
      return v >= 3600
        ? `${+(v / 3600).toFixed(1)} h`
        : v >= 60
          ? `${+(v / 60).toFixed(1)} min`
          : `${+v.toFixed(1)} s`;
    default:
      return v !== 0 && Math.abs(v) < 10 ? String(+v.toFixed(2)) : fmtCount(v);
  }
}

/** Tooltips: with the unit spelled out. */
export function tooltipValue(v: number, format: ValueFormat): string {
  switch (format) {
    case 'perSecond':
      return `${tickValue(v, format)} /s`;
    case 'percent':
      return `${(v * 100).toFixed(1)} %`;
    default:
      return tickValue(v, format);
  }
}
