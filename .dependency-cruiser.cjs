/**
 * The rooms of src/core and the one direction their arrows may take, checked by `npm run lint` (and so by
 * `npm test` and CI). docs/architecture.md draws the same rooms from this tool's output
 * (`npm run architecture`), so the picture cannot drift from the code.
 *
 *   text → catalog → policy → sources → analysis → rules → (config, docs, complete, search, refs) → lint → index
 *   text → catalog → activity → index (CloudTrail events need no policies)
 *   activity → eventIndex → index (the on-disk event index: segments and their queries, bytes in, bytes out)
 *   aws (pacing, caching, AWS problems) stands alone: it imports no other room
 *   (text, activity, aws, refs) → glance (a referenced resource's activity, as the hover and CodeLens show it) → index
 *   activity → logs (CloudTrail log files cut into records, read as events) → index
 *   (activity, aws) → warehouse (activity queries as Athena and CloudTrail Lake SQL, rows back to events) → index
 *   (text, catalog, lint, refs) → explorer (the security explorer's KMS key and secret rows, hygiene flags, policies linted,
 *     where code mentions a resource) → index
 *   findings (GuardDuty's and Security Hub's findings as one row model, filtered and sorted) stands alone → index
 *   activity → investigate (security detections over CloudTrail events, the facts of a record they read) → index
 *   (activity, findings, investigate) → incident (an investigation's report: detection, analysis, classification,
 *     response steps, summary, pivots; its Markdown) → index
 *
 * A room may import its own files and any room to its left; type-only imports count too (a type that
 * points up is a cycle waiting to happen).
 */
const ROOMS = [
  ['text', '^src/core/text/'],
  ['catalog', '^src/core/catalog/'],
  ['policy', '^src/core/policy/'],
  ['sources', '^src/core/sources/'],
  ['analysis', '^src/core/analysis/'],
  ['rules', '^src/core/rules/'],
  ['config', '^src/core/config/'],
  ['docs', '^src/core/docs/'],
  ['complete', '^src/core/complete/'],
  ['search', '^src/core/search/'],
  ['activity', '^src/core/activity/'],
  ['eventIndex', '^src/core/eventIndex/'],
  ['aws', '^src/core/aws/'],
  ['refs', '^src/core/refs/'],
  ['glance', '^src/core/glance/'],
  ['logs', '^src/core/logs/'],
  ['warehouse', '^src/core/warehouse/'],
  ['unused', '^src/core/unused/'],
  ['explorer', '^src/core/explorer/'],
  ['findings', '^src/core/findings/'],
  ['investigate', '^src/core/investigate/'],
  ['incident', '^src/core/incident/'],
  ['lint', '^src/core/(?!index\\.ts$)[^/]+\\.ts$'],
  ['index', '^src/core/index\\.ts$'],
];

/** The rooms each room may import (besides itself), by name. */
const ALLOWED = {
  text: [],
  catalog: ['text'],
  policy: ['text', 'catalog'],
  sources: ['text', 'catalog', 'policy'],
  analysis: ['text', 'catalog', 'policy', 'sources'],
  rules: ['text', 'catalog', 'policy', 'sources', 'analysis'],
  config: ['text', 'catalog', 'policy', 'sources', 'analysis', 'rules'],
  docs: ['text', 'catalog', 'policy', 'sources', 'analysis', 'rules'],
  complete: ['text', 'catalog', 'policy', 'sources', 'analysis', 'rules', 'docs'],
  search: ['text', 'catalog', 'policy'],
  activity: ['text', 'catalog'],
  eventIndex: ['text', 'catalog', 'activity'],
  aws: [],
  refs: ['text', 'catalog', 'policy', 'sources'],
  glance: ['text', 'activity', 'aws', 'refs'],
  logs: ['text', 'catalog', 'activity'],
  warehouse: ['text', 'catalog', 'activity', 'aws'],
  unused: ['text', 'catalog', 'policy', 'sources', 'analysis', 'rules', 'config', 'activity'],
  explorer: ['text', 'catalog', 'lint', 'refs'],
  findings: [],
  investigate: ['text', 'catalog', 'activity'],
  incident: ['text', 'catalog', 'activity', 'findings', 'investigate'],
  lint: ['text', 'catalog', 'policy', 'sources', 'analysis', 'rules', 'config'],
  index: ROOMS.map(([name]) => name).filter((name) => name !== 'index'),
};

const pathOf = Object.fromEntries(ROOMS);
const roomRules = ROOMS.map(([name, path]) => ({
  name: `core-${name}-imports-down-only`,
  comment: `src/core/${name} may import only ${ALLOWED[name].join(', ') || 'nothing else in the core'} (docs/architecture.md, "Rooms").`,
  severity: 'error',
  from: { path },
  to: {
    path: '^src/core/',
    pathNot: [path, ...ALLOWED[name].map((allowed) => pathOf[allowed])],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle between modules: split the shared part into the lower module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-pure',
      comment: 'src/core decides everything and runs under plain Node: it imports none of the adapters.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(server|extension|cli|aws|logs|webview)/' },
    },
    {
      name: 'front-door-only',
      comment:
        'The server, the CLI, the AWS and log-file adapters, the client and its webview pages reach the core through src/core/index.ts only.',
      severity: 'error',
      from: { path: '^src/(server|cli|aws|logs|extension|shared|webview)/' },
      to: { path: '^src/core/', pathNot: '^src/core/index\\.ts$' },
    },
    {
      name: 'webview-pages-stay-in-the-browser',
      comment:
        'A webview page runs in a browser: it imports its own files, src/shared and browser libraries, never the extension, the server, the CLI or the AWS adapter.',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { path: '^src/(server|extension|cli|aws)/' },
    },
    {
      name: 'duckdb-in-tests-only',
      comment:
        '@duckdb/node-api is a devDependency: the emulator answers Athena and Lake SQL with it; the extension never ships it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '@duckdb/' },
    },
    ...roomRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(out|dist|node_modules)/' },
  },
};
