// `npm start`: set-up, build, then the demo: the AWS emulator and code-server with CloudWarden loaded
// from source on demo/, on 127.0.0.1 only. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const step = (command, args) => {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step('bash', ['scripts/setup-tools.sh']);
step(process.execPath, ['scripts/build-catalog.mjs']);
step(process.execPath, ['esbuild.mjs', '--tests']);

const demo = spawn(process.execPath, ['out/test/harness/demo.js', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => demo.kill(signal));
demo.on('exit', (code) => process.exit(code ?? 0));
