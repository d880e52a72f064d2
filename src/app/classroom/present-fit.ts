import { fitDefaults } from '../canvas/fit';
import { insidesRoom } from './insides-room';
import { currentReplayData } from './replay-data';
import { PRESENT_FIT } from './store';

/**
 * The room the presentation layout keeps under its lowest nodes (use-present-layout.ts), while
 * it lays the diagram out; null: the room for the tallest insides, under the whole diagram.
 */
export const presentRoom: { extraBottom: number | null } = { extraBottom: null };

/**
 * PRESENT_FIT with the room under the nodes this run's insides need (a stream's shards, a
 * queue's readers), also made the default of every automatic fit while presenting.
 */
export function presentFit(): { maxZoom: number; extraBottom: number; extraTop: number } {
  const data = currentReplayData();
  const extraBottom =
    presentRoom.extraBottom ??
    (data ? insidesRoom(data.internals, window.innerHeight) : PRESENT_FIT.extraBottom);
  fitDefaults.extraBottom = extraBottom;
  return { ...PRESENT_FIT, extraBottom };
}
