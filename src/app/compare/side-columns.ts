import type { Result } from '../../engine/result';
import type { CompareEntry } from './compare-store';

/** One design's column in the side-by-side view. */
export interface Column {
  entry: CompareEntry;
  result: Result | null;
  /** Why there is no result (the run failed, was stopped, or is under way). */
  note: string;
  color: string;
}
