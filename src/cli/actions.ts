import type { Catalog } from '../core';
import { EXIT, type CliIo } from './io';

/** `cloudwarden actions <pattern> [--json]`: the expansion of a pattern, one action a line. */
export function actionsCommand(args: readonly string[], catalog: () => Catalog, io: CliIo): number {
  const json = args.includes('--json');
  const unknownFlag = args.find((a) => a.startsWith('-') && a !== '--json');
  const patterns = args.filter((a) => !a.startsWith('-'));
  if (unknownFlag || patterns.length !== 1) {
    io.stderr(
      unknownFlag
        ? `cloudwarden actions: unknown option '${unknownFlag}'\n`
        : 'cloudwarden actions: give exactly one pattern, e.g. cloudwarden actions "s3:Get*"\n',
    );
    return EXIT.usage;
  }
  const pattern = patterns[0]!;
  const { actions, suggestions } = catalog().expand(pattern);
  if (json) {
    const out = {
      pattern,
      count: actions.length,
      actions: actions.map((a) => ({ action: a.fullName, accessLevel: a.accessLevel })),
      suggestions: suggestions.map((s) => s.value),
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else if (actions.length > 0) {
    const width = Math.max(...actions.map((a) => a.fullName.length));
    io.stdout(actions.map((a) => `${a.fullName.padEnd(width)}  ${a.accessLevel}\n`).join(''));
  } else {
    const hint = suggestions.length > 0 ? ` Did you mean: ${suggestions.map((s) => s.value).join(', ')}?` : '';
    io.stderr(`No action matches '${pattern}'.${hint}\n`);
  }
  return actions.length > 0 ? EXIT.ok : EXIT.noMatch;
}
