/**
 * Sums a V8 .cpuprofile's self time per module (npm package, project file, node internals) and per
 * function, to see where a benchmark's CPU goes:
 *
 *   node dist/bench/support/cpu-profile-summary.js FILE.cpuprofile [top=30]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function moduleOf(url: string): string {
  if (!url) return '(native/V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 6) : url;
}

function top(map: Map<string, number>, n: number, total: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}

const [file, n = '30'] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const perModule = new Map<string, number>();
const perFunction = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id)!;
  const us = profile.timeDeltas[i] ?? 0;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === '(idle)') return;
  total += us;
  const mod = moduleOf(url);
  perModule.set(mod, (perModule.get(mod) ?? 0) + us);
  const fn = `${functionName || '(anonymous)'} ${mod}:${lineNumber + 1}`;
  perFunction.set(fn, (perFunction.get(fn) ?? 0) + us);
});
process.stdout.write(`busy ${(total / 1000).toFixed(0)} ms (idle excluded)\n\nper module:\n${top(perModule, Number(n), total).join('\n')}\n`);
process.stdout.write(`\nper function (self):\n${top(perFunction, Number(n), total).join('\n')}\n`);
