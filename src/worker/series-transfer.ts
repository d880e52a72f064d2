import type { Result } from '../engine/result';

/**
 * Time series are the bulk of a result (up to ~2,000 points per series, several series per
 * node). They cross the worker boundary as one Float64Array that is transferred, not
 * copied; the rest of the result is small and goes by structured clone.
 */
export interface PackedResult {
  /** The result with every series array emptied. */
  result: Result;
  names: string[];
  lengths: number[];
  /** The series one after another, in the order of `names`. */
  data: Float64Array;
}

type SeriesRecord = Record<string, unknown>;

function seriesOf(result: Result): SeriesRecord | undefined {
  return (result as unknown as { series?: SeriesRecord }).series;
}

export function packSeries(result: Result): PackedResult {
  const series = seriesOf(result);
  if (!series) return { result, names: [], lengths: [], data: new Float64Array(0) };
  const names = Object.keys(series).filter((k) => Array.isArray(series[k]));
  const lengths = names.map((k) => (series[k] as number[]).length);
  const data = new Float64Array(lengths.reduce((a, b) => a + b, 0));
  const emptied: SeriesRecord = { ...series };
  let offset = 0;
  names.forEach((name, i) => {
    data.set(series[name] as number[], offset);
    offset += lengths[i];
    emptied[name] = [];
  });
  return { result: { ...result, series: emptied } as unknown as Result, names, lengths, data };
}

export function unpackSeries(packed: PackedResult): Result {
  const { result, names, lengths, data } = packed;
  const series = seriesOf(result);
  if (!series || names.length === 0) return result;
  const filled: SeriesRecord = { ...series };
  let offset = 0;
  names.forEach((name, i) => {
    filled[name] = Array.from(data.subarray(offset, offset + lengths[i]));
    offset += lengths[i];
  });
  return { ...result, series: filled } as unknown as Result;
}
