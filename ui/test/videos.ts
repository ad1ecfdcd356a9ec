// The smallest bytes that read as an MP4 of a given length: `ftyp`, then `moov/mvhd`
// (version 0, timescale 1000), which is all a length probe reads.
export function mp4Bytes(seconds: number): Uint8Array {
  const box = (name: string, payload: Uint8Array) => {
    const out = new Uint8Array(8 + payload.length);
    new DataView(out.buffer).setUint32(0, out.length);
    out.set(new TextEncoder().encode(name), 4);
    out.set(payload, 8);
    return out;
  };
  const mvhd = new Uint8Array(100);
  new DataView(mvhd.buffer).setUint32(12, 1000);
  new DataView(mvhd.buffer).setUint32(16, Math.round(seconds * 1000));
  const ftyp = box('ftyp', new TextEncoder().encode('isom\0\0\0\0'));
  const moov = box('moov', box('mvhd', mvhd));
  const out = new Uint8Array(ftyp.length + moov.length);
  out.set(ftyp);
  out.set(moov, ftyp.length);
  return out;
}
