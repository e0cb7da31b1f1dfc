import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderRuleDoc, ruleMetas } from '../core';
import { EXIT, type CliIo } from './io';

/** `cloudwarden rules [--json] [--write-docs DIR]`: the rules, their severities and equivalents. */
export function rulesCommand(args: readonly string[], io: CliIo): number {
  const metas = ruleMetas();
  const docsAt = args.indexOf('--write-docs');
  if (docsAt >= 0) {
    const dir = args[docsAt + 1];
    if (!dir) {
      io.stderr('cloudwarden rules: --write-docs needs a folder\n');
      return EXIT.usage;
    }
    mkdirSync(dir, { recursive: true });
    for (const meta of metas) writeFileSync(path.join(dir, `${meta.id}.md`), renderRuleDoc(meta));
    io.stdout(`wrote ${metas.length} rule pages to ${dir}\n`);
    return EXIT.ok;
  }
  if (args.includes('--json')) {
    io.stdout(
      `${JSON.stringify(
        metas.map(({ id, name, family, defaultSeverity, equivalents }) => ({
          id,
          name,
          family,
          defaultSeverity,
          equivalents,
        })),
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const width = Math.max(...metas.map((m) => m.id.length));
  io.stdout(metas.map((m) => `${m.id.padEnd(width)}  ${m.defaultSeverity.padEnd(7)}  ${m.name}\n`).join(''));
  return EXIT.ok;
}
