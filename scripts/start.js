// `npm start`: build what is missing or stale, then serve on the embedded SQLite store.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const buildInfo = join(root, 'dist/.tsbuildinfo');
if (!existsSync(buildInfo) || newestMtime(join(root, 'src')) > statSync(buildInfo).mtimeMs) {
  process.stdout.write('Building Accord...\n');
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  } catch {
    process.stderr.write('accord: the build failed (errors above); fix them or run `npm run dev`\n');
    process.exit(2);
  }
}
if (existsSync(join(root, 'web/index.html')) && !existsSync(join(root, 'web/dist/index.html'))) {
  process.stdout.write('Building the web interface...\n');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'web'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const { main } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
const code = await main([process.argv[0], 'accord', 'serve', ...process.argv.slice(2)]);
if (code !== 0) process.exitCode = code;
