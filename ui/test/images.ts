// Image headers just big enough for format sniffing: the fake backend, like the core,
// reads only the magic bytes and the dimensions.

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function pngBytes(width: number, height: number): Uint8Array {
  return new Uint8Array([0x89, ...text('PNG'), 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...text('IHDR'), ...be32(width), ...be32(height), 8, 2, 0, 0, 0]);
}

export function jpegBytes(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, ...text('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

export function webpBytes(width: number, height: number): Uint8Array {
  const vp8x = [...text('VP8X'), 10, 0, 0, 0, 0, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)];
  return new Uint8Array([...text('RIFF'), 30, 0, 0, 0, ...text('WEBP'), ...vp8x]);
}

export function imageFile(name: string, bytes: Uint8Array, type = 'image/png'): File {
  return new File([bytes as BlobPart], name, { type });
}
