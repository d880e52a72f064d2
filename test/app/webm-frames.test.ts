import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import { describe, expect, it } from 'vitest';
import { readWebmFrames, WebmReader } from '../../src/app/classroom/webm-frames';

/** A WebM written by webm-muxer (the library the export writes with), frames of known bytes. */
function muxed(n: number, frameUs: number, keyEvery: number) {
  const muxer = new Muxer({
    target: new ArrayBufferTarget(),
    video: { codec: 'V_VP8', width: 1920, height: 1080, frameRate: 1e6 / frameUs },
  });
  const frames = Array.from({ length: n }, (_, i) =>
    Uint8Array.from({ length: 40 + ((i * 37) % 300) }, (_, k) => (i * 7 + k * 13) & 255),
  );
  frames.forEach((f, i) => muxer.addVideoChunkRaw(f, i % keyEvery === 0 ? 'key' : 'delta', i * frameUs));
  muxer.finalize();
  return { bytes: new Uint8Array(muxer.target.buffer), frames };
}

describe('reading the frames of a WebM file', () => {
  it('gives every frame back: its bytes, keyframe flag and time, with the codec and the size', () => {
    // 70 frames of 40 ms with a keyframe every 25: three clusters, each with its own time.
    const { bytes, frames } = muxed(70, 40_000, 25);
    const got = readWebmFrames(bytes);
    expect(got).toMatchObject({ codec: 'V_VP8', width: 1920, height: 1080 });
    expect(got.frames).toHaveLength(70);
    got.frames.forEach((f, i) => {
      expect(f.timeMs).toBe(i * 40);
      expect(f.key).toBe(i % 25 === 0);
      expect([...f.data]).toEqual([...frames[i]]);
    });
  });

  it('reads a file arriving in pieces of any size, as a recording grows, the same as whole', () => {
    const { bytes } = muxed(30, 100_000, 10);
    const whole = readWebmFrames(bytes);
    for (const piece of [3, 7, 64, 1000]) {
      const r = new WebmReader();
      const counts: number[] = [];
      for (let at = 0; at < bytes.length; at += piece) {
        r.push(bytes.subarray(at, at + piece));
        counts.push(r.frames.length);
      }
      // Frames appear one by one as their bytes complete, never before.
      for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
      const got = r.finish();
      expect(got.frames.map((f) => [f.timeMs, f.key, f.data.length])).toEqual(
        whole.frames.map((f) => [f.timeMs, f.key, f.data.length]),
      );
    }
  });

  it('reads clusters of unknown size (how MediaRecorder streams them)', () => {
    // EBML header, a Segment and a Cluster of unknown size, the cluster's time 1000, two SimpleBlocks.
    const bytes = Uint8Array.from([
      0x1a,
      0x45,
      0xdf,
      0xa3,
      0x80, // EBML header, empty
      0x18,
      0x53,
      0x80,
      0x67,
      0x01,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff, // Segment, unknown size
      0x1f,
      0x43,
      0xb6,
      0x75,
      0x01,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff, // Cluster, unknown size
      0xe7,
      0x82,
      0x03,
      0xe8, // Timecode 1000
      0xa3,
      0x86,
      0x81,
      0x00,
      0x00,
      0x80,
      0xaa,
      0xbb, // SimpleBlock track 1, +0 ms, key, 2 bytes
      0xa3,
      0x85,
      0x81,
      0xff,
      0xf6,
      0x00,
      0xcc, // SimpleBlock track 1, −10 ms, delta, 1 byte
    ]);
    const got = readWebmFrames(bytes);
    expect(got.frames.map((f) => [f.timeMs, f.key, [...f.data]])).toEqual([
      [1000, true, [0xaa, 0xbb]],
      [990, false, [0xcc]],
    ]);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => readWebmFrames(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toThrow(/Not a WebM file/);
    const laced = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x80, 0xa3, 0x85, 0x81, 0x00, 0x00, 0x82, 0x00]);
    expect(() => readWebmFrames(laced)).toThrow(/lacing/);
  });
});
