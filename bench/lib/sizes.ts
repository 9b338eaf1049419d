import http from 'node:http';
import zlib from 'node:zlib';

// What a page weighs before compression, and gzipped (level 6, as Next's compression sends it):
// the bytes Next renders and encodes per request, which the "as sent" figure hides behind gzip.

export type Size = { raw: number; gzip: number; rscInline: number };

function fetchRaw(base: string, path: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const h = { ...headers, 'accept-encoding': 'identity' };
    http
      .get(base + path, { headers: h }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${path}: ${res.statusCode}`)),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The RSC data a document carries inline (the `self.__next_f.push` script bodies), in bytes. */
function inlineRsc(html: string): number {
  let n = 0;
  for (const m of html.matchAll(/<script>self\.__next_f\.push\((.*?)\)<\/script>/gs)) n += Buffer.byteLength(m[1] ?? '');
  return n;
}

export async function measureSize(base: string, path: string, headers: Record<string, string>): Promise<Size> {
  const body = await fetchRaw(base, path, headers);
  return { raw: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length, rscInline: inlineRsc(body.toString('utf8')) };
}

export const kib = (b: number) => (b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b.toFixed(0)} B`);

export function describeSize(s: Size): string {
  const inline = s.rscInline ? ` (inline RSC data ${kib(s.rscInline)})` : '';
  return `${kib(s.raw)} uncompressed${inline}, ${kib(s.gzip)} gzipped`;
}
