// Completes package-lock.json with the optional platform binaries of Biome and Rollup that the
// npm registry mirror used here does not serve (other OSes, CPUs and libcs). npm leaves them out
// of a lockfile it writes on such a mirror, and `npm ci` then refuses the lockfile as out of sync.
// An entry names the version, os, cpu and libc only, which is all `npm ci` needs to skip it on
// other platforms; on a platform that needs one, npm resolves it from the registry.
// Run after changing dependencies here: `node .ci/complete-lockfile.cjs && npm install`.
const fs = require('node:fs');

const PARENTS = ['node_modules/@biomejs/biome', 'node_modules/rollup'];
const CPUS = [
  [/arm64/, 'arm64'],
  [/x64/, 'x64'],
  [/ia32/, 'ia32'],
  [/(^|-)arm(-|$)/, 'arm'],
  [/loong64/, 'loong64'],
  [/ppc64/, 'ppc64'],
  [/riscv64/, 'riscv64'],
  [/s390x/, 's390x'],
];

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
let added = 0;
for (const parentKey of PARENTS) {
  const parent = lock.packages[parentKey];
  if (!parent) throw new Error(`${parentKey} is not in package-lock.json: run npm install first`);
  for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const platform = name.split('/')[1].replace(/^(cli|rollup)-/, '');
    const cpu = CPUS.find(([pattern]) => pattern.test(platform))?.[1];
    if (!cpu) throw new Error(`no CPU known for ${name}: add it to CPUS`);
    const os = platform.split('-')[0];
    const entry = { version, cpu: [cpu], dev: true, optional: true, os: [os] };
    if (platform.includes('musl')) entry.libc = ['musl'];
    else if (os === 'linux' && platform.includes('gnu')) entry.libc = ['glibc'];
    lock.packages[key] = entry;
    added++;
  }
}
const root = Object.entries(lock.packages).filter(([key]) => key === '');
const rest = Object.entries(lock.packages)
  .filter(([key]) => key !== '')
  .sort(([a], [b]) => a.localeCompare(b));
lock.packages = Object.fromEntries([...root, ...rest]);
fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
