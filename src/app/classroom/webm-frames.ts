/**
 * The video frames inside a WebM file as MediaRecorder writes it (Matroska's EBML: a Segment of
 * Clusters of SimpleBlocks, sizes often "unknown" because the recorder streams). Only what the
 * export needs to write the frames again with exact times: the codec, the picture's size, and
 * each frame's bytes, keyframe flag and time. A file cut short is read up to its last whole
 * element, so a recording can be read while it grows.
 */

export interface WebmFrame {
  track: number;
  /** The frame's time in ms, as the file gives it (cluster time + block offset, in timecode-scale units). */
  timeMs: number;
  key: boolean;
  data: Uint8Array;
}

export interface WebmContents {
  /** Matroska codec id of the first video track, e.g. 'V_VP8' or 'V_VP9'. */
  codec?: string;
  width?: number;
  height?: number;
  frames: WebmFrame[];
}

const ID = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  cluster: 0x1f43b675,
  clusterTime: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  referenceBlock: 0xfb,
} as const;

/** Elements whose children are read in place (their size may be unknown while recording). */
const MASTERS = new Set<number>([
  ID.segment,
  ID.info,
  ID.tracks,
  ID.trackEntry,
  ID.video,
  ID.cluster,
  ID.blockGroup,
]);

/** An EBML variable-length integer at `pos`: its value and length, or null when the bytes end first. */
function vint(b: Uint8Array, pos: number, keepMarker: boolean): { value: number; len: number } | null {
  if (pos >= b.length) return null;
  const first = b[pos];
  if (first === 0) throw new Error(`Not a WebM file: a malformed element at byte ${pos}.`);
  let len = 1;
  while (!(first & (0x80 >> (len - 1)))) len++;
  if (pos + len > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> len);
  let allOnes = value === 0xff >> len;
  for (let i = 1; i < len; i++) {
    value = value * 256 + b[pos + i];
    if (b[pos + i] !== 0xff) allOnes = false;
  }
  // All value bits set: the size is unknown (a live recording's Segment and Clusters).
  if (!keepMarker && allOnes) return { value: -1, len };
  return { value, len };
}

function uint(b: Uint8Array, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 256 + b[i];
  return v;
}

/** Reads a WebM file's frames as its bytes arrive (a recording read while it grows). */
export class WebmReader {
  readonly contents: WebmContents = { frames: [] };
  /** Bytes of an element not yet whole, kept for the next push. */
  private tail = new Uint8Array(0);
  private started = false;
  private scaleMs = 1; // TimecodeScale 1,000,000 ns by default
  private clusterTime = 0;
  private videoTrack = -1;
  private entry = { number: -1, type: -1, codec: '', width: 0, height: 0 };

  /** The frames of the video track read so far. */
  get frames(): WebmFrame[] {
    const v = this.videoTrack;
    return v < 0 ? this.contents.frames : this.contents.frames.filter((f) => f.track === v);
  }

  push(chunk: Uint8Array): void {
    let bytes = chunk;
    if (this.tail.length > 0) {
      bytes = new Uint8Array(this.tail.length + chunk.length);
      bytes.set(this.tail);
      bytes.set(chunk, this.tail.length);
    }
    if (!this.started && bytes.length >= 4) {
      if (uint(bytes, 0, 4) !== 0x1a45dfa3) throw new Error('Not a WebM file: no EBML header.');
      this.started = true;
    }
    const pos = this.walk(bytes);
    this.tail = bytes.slice(pos);
  }

  private endEntry(): void {
    const e = this.entry;
    if (e.type === 1 && this.videoTrack < 0) {
      this.videoTrack = e.number;
      Object.assign(this.contents, { codec: e.codec, width: e.width, height: e.height });
    }
  }

  /** Reads whole elements from the start of `bytes`; answers where the first incomplete one begins. */
  private walk(bytes: Uint8Array): number {
    const out = this.contents;
    let pos = 0;
    for (;;) {
      const id = vint(bytes, pos, true);
      if (!id) return pos;
      const size = vint(bytes, pos + id.len, false);
      if (!size) return pos;
      const start = pos + id.len + size.len;
      if (id.value === ID.trackEntry) {
        this.endEntry();
        this.entry = { number: -1, type: -1, codec: '', width: 0, height: 0 };
      }
      if (id.value === ID.cluster) this.endEntry();
      if (MASTERS.has(id.value)) {
        pos = start;
        continue;
      }
      if (size.value < 0) throw new Error(`Not a WebM file: element ${id.value.toString(16)} has no size.`);
      const end = start + size.value;
      if (end > bytes.length) return pos;
      switch (id.value) {
        case ID.timecodeScale:
          this.scaleMs = uint(bytes, start, end) / 1e6;
          break;
        case ID.trackNumber:
          this.entry.number = uint(bytes, start, end);
          break;
        case ID.trackType:
          this.entry.type = uint(bytes, start, end);
          break;
        case ID.codecId:
          this.entry.codec = new TextDecoder().decode(bytes.subarray(start, end)).replace(/\0+$/, '');
          break;
        case ID.pixelWidth:
          this.entry.width = uint(bytes, start, end);
          break;
        case ID.pixelHeight:
          this.entry.height = uint(bytes, start, end);
          break;
        case ID.clusterTime:
          this.clusterTime = uint(bytes, start, end);
          break;
        case ID.simpleBlock:
        case ID.block: {
          const track = vint(bytes, start, false);
          if (!track) throw new Error('Not a WebM file: a block without its track.');
          const h = start + track.len;
          const rel = new DataView(bytes.buffer, bytes.byteOffset + h, 2).getInt16(0);
          const flags = bytes[h + 2];
          if (flags & 0x06)
            throw new Error('This WebM file packs several frames in a block (lacing), which is not read.');
          out.frames.push({
            track: track.value,
            timeMs: (this.clusterTime + rel) * this.scaleMs,
            // A SimpleBlock says whether it is a keyframe; a Block is one unless a ReferenceBlock follows.
            key: id.value === ID.block || (flags & 0x80) !== 0,
            data: bytes.slice(h + 3, end),
          });
          break;
        }
        case ID.referenceBlock: {
          const last = out.frames.at(-1);
          if (last) last.key = false;
          break;
        }
      }
      pos = end;
    }
  }

  /** Everything read: the video track's codec, size and frames. */
  finish(): WebmContents {
    this.endEntry();
    return { ...this.contents, frames: this.frames };
  }
}

/** The frames of a whole WebM file (or of as much of it as is there). */
export function readWebmFrames(bytes: Uint8Array): WebmContents {
  const r = new WebmReader();
  r.push(bytes);
  return r.finish();
}
