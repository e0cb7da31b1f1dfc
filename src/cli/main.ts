import * as path from 'node:path';
import { runCli } from './run';

// The catalog ships beside this bundle in dist/.
const catalogFile = process.env.CLOUDWARDEN_CATALOG ?? path.join(__dirname, 'catalog.json');
process.exitCode = runCli(process.argv.slice(2), {
  catalogFile,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
