import { CatalogLoadError, lazyCatalog } from '../core';
import { actionsCommand } from './actions';
import { DETECT_HELP, detectCommand } from './detect';
import { INVESTIGATE_HELP, investigateCommand } from './investigate';
import { lintCommand } from './lint';
import { rulesCommand } from './rules';
import { trailCommand } from './trail';
import { unusedCommand } from './unused';
import { EXIT, type CliIo } from './io';
import { VERSION } from './version';

const USAGE = `Usage: cloudwarden <command> [options]

Commands:
  actions <pattern> [--json]   List the IAM actions a name or wildcard pattern grants
                               (e.g. s3:Get*, *:Get*, ec2:Describe*Instance?), with access levels.
  lint [--format text|json|sarif] [--fail-on error|warning|info|none] [--config FILE]
       <files or folders...>
                               Lint the IAM policies in policy files, AWS CLI output,
                               CloudFormation/SAM templates, CDK TypeScript (files that import
                               aws-cdk-lib), Terraform (.tf) and Terraform plan JSON. Exit 0: nothing at or above --fail-on
                               (default error); 1: findings; 2: usage or read errors. Rules and
                               suppressions come from --config, else from the nearest
                               .cloudwarden.yaml above each file; suppressed findings never fail.
  rules [--json] [--write-docs DIR]
                               List the rules (or write their documentation pages).
  trail [--logs <folder or file>... [--index DIR] | --athena WORKGROUP[:DATABASE.TABLE]
        [--athena-output s3://...] | --lake EVENT_DATA_STORE]
        [--region R[,R...]] [--profile P] [--resource ARN|NAME] [--principal ARN|NAME]
        [--access-key ID] [--event-id ID] [--event-name NAME] [--action SERVICE:ACTION] [--source-ip IP]
        [--errors-only] [--since 24h|7d|90d|ISO] [--until ...] [--format text|json|csv]
        [--max-pages N] [--limit N]
                               CloudTrail events, newest first. By default from LookupEvents
                               (management events, 90 days; the last 7 days, 20 pages of 50 a
                               Region). --logs reads log files (S3 layout, {"Records"} and
                               {"Events"} JSON, JSON Lines), indexed on disk (--index, else the
                               user's cache folder; only new files are read again), everything
                               they hold unless --since says. --athena queries AWS's CloudTrail
                               table, --lake an event data store (the last 7 days unless --since
                               says). --limit: events printed (default 1,000). AWS through the SDK's
                               credential chain and endpoint overrides. Exit 0: read (files that
                               could not be read are listed); 2: usage or AWS errors (on stderr).

${DETECT_HELP}
${INVESTIGATE_HELP}
  unused --logs <folder or file>... [--index DIR] [--principal ARN] [--mapping FILE]
         [--account ID] [--since 90d|ISO] [--format text|json|sarif] <files...>
                               What the identity policies in the files grant that their principal
                               did not use in the log files: unused actions, wildcards mostly
                               unused, unused statements, and actions the principal was refused.
                               Actions the logs cannot show (data events the trail does not log,
                               iam:PassRole) are unknown, never unused. The principal of each
                               policy, in order: the first 'principals' entry ({files, resource,
                               principal}) of the --mapping file, else of the nearest
                               .cloudwarden.yaml, that covers it; a literal role or user name in
                               the source (RoleName, roleName, Terraform name) in the --account;
                               the name and account of the CDK app's cdk.out; else --principal.
                               Exit 0: nothing unused; 1: unused permissions; 2: usage errors,
                               unreadable files, or a policy with no principal.

Options:
  -h, --help                   Show this help.
  -v, --version                Show the version and the IAM catalog's data date.
`;

/** Runs one command line; returns the exit code (a promise for commands that call AWS). Never throws. */
export function runCli(argv: readonly string[], io: CliIo): number | Promise<number> {
  const catalog = lazyCatalog(io.catalogFile);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case '-v':
      case '--version':
        io.stdout(`cloudwarden ${VERSION} (IAM data ${catalog().dataDate})\n`);
        return EXIT.ok;
      case 'actions':
        return actionsCommand(rest, catalog, io);
      case 'lint':
        return lintCommand(rest, catalog, io);
      case 'rules':
        return rulesCommand(rest, io);
      case 'trail':
        return trailCommand(rest, io).catch((error: unknown) => {
          io.stderr(`cloudwarden trail: ${error instanceof Error ? error.message : String(error)}\n`);
          return EXIT.usage;
        });
      case 'detect':
        return detectCommand(rest, io).catch((error: unknown) => {
          io.stderr(`cloudwarden detect: ${error instanceof Error ? error.message : String(error)}\n`);
          return EXIT.usage;
        });
      case 'investigate':
        return investigateCommand(rest, io).catch((error: unknown) => {
          io.stderr(`cloudwarden investigate: ${error instanceof Error ? error.message : String(error)}\n`);
          return EXIT.usage;
        });
      case 'unused':
        return unusedCommand(rest, catalog, io).catch((error: unknown) => {
          io.stderr(`cloudwarden unused: ${error instanceof Error ? error.message : String(error)}\n`);
          return EXIT.usage;
        });
      default:
        io.stderr(`cloudwarden: unknown command '${command}'\n\n${USAGE}`);
        return EXIT.usage;
    }
  } catch (error) {
    const message = error instanceof CatalogLoadError ? error.message : String(error);
    io.stderr(`cloudwarden: ${message}\n`);
    return EXIT.usage;
  }
}
