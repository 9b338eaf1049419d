// `npm run bench:curve -- bench/results-1m.json bench/results.json bench/results-20m.json [--out bench/cost-curve.md]`
// Puts the JSON sidecars of bench runs at different population sizes into one table: each step's time
// and peak memory per size, and whether its time grows as its kind allows. See docs/notes/bench.md.
import fs from 'node:fs';
import { buildCurve } from './lib/curve';
import { renderCurve } from './lib/curve-table';
import { readSidecar } from './lib/sidecar';

function main(argv: string[]) {
  const at = argv.indexOf('--out');
  const out = at >= 0 ? argv[at + 1] : 'bench/cost-curve.md';
  if (!out || out.startsWith('--')) throw new Error('--out takes a file name');
  const files = argv.filter((_, i) => at < 0 || (i !== at && i !== at + 1));
  if (!files.length) throw new Error('give the JSON sidecars of the runs to compare (e.g. bench/results.json)');
  const curve = buildCurve(files.map(readSidecar));
  const table = renderCurve(curve, `npm run bench:curve -- ${argv.join(' ')}`);
  fs.writeFileSync(out, table);
  console.log(table);
  console.log(`wrote ${out}`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
