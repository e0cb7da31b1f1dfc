/**
 * Roles that trust an OpenID Connect provider (GitHub Actions, EKS service accounts, Google, Cognito...)
 * through `sts:AssumeRoleWithWebIdentity`: the provider signs tokens for everyone who uses it, so only
 * conditions on the token's claims say which of those identities may assume the role.
 */
import type { PolicyDocument, Statement, Value } from '../../policy/model';
import { addConditionEntry } from '../insertions';
import type { Fix, Rule, RuleContext } from '../types';
import { globMatcher, isAllow, literal } from '../../policy/values';
import { namingEntries, requiredEntries } from '../requiredConditions';
import { conditionRestricts } from '../../analysis/conditions';
import type { Catalog } from '../../catalog/catalog';

const GITHUB = 'token.actions.githubusercontent.com';

type ProviderKind = 'github' | 'eks' | 'google' | 'cognito' | 'facebook' | 'amazon' | 'other';

interface Provider {
  /** The provider's host as condition keys name it (lower case). */
  readonly host: string;
  readonly kind: ProviderKind;
  /** Where to report: the Federated value. */
  readonly at: Value;
}

/** The claim that tells one customer's identities from another's, per provider. */
const IDENTIFYING_CLAIM: Readonly<Record<ProviderKind, string>> = {
  github: 'sub', // the audience is `sts.amazonaws.com` for every GitHub user
  eks: 'sub', // the audience is `sts.amazonaws.com` for every service account of the cluster
  google: 'aud',
  cognito: 'aud',
  facebook: 'app_id',
  amazon: 'app_id',
  other: 'sub',
};

function kindOf(host: string): ProviderKind {
  if (host === GITHUB) return 'github';
  if (/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\//.test(host)) return 'eks';
  if (host === 'accounts.google.com') return 'google';
  if (host === 'cognito-identity.amazonaws.com') return 'cognito';
  if (host === 'graph.facebook.com') return 'facebook';
  if (host === 'www.amazon.com') return 'amazon';
  return 'other';
}

/** The OIDC host a Federated value names (`host`, or `arn:...:oidc-provider/host`); undefined for SAML or unreadable values. */
function hostOf(value: Value): string | undefined {
  const text = literal(value);
  if (text === undefined) return undefined;
  if (!text.startsWith('arn:')) return text.includes('.') && !text.includes('/') ? text.toLowerCase() : undefined;
  const match = /:oidc-provider\/(.+)$/.exec(text);
  return match ? match[1]!.toLowerCase() : undefined;
}

/**
 * The hosts the statement's condition keys name (`token.actions.githubusercontent.com:sub` →
 * `token.actions.githubusercontent.com`): the provider of a Federated principal written as an intrinsic.
 */
function hostsInConditions(statement: Statement): Set<string> {
  const hosts = new Set<string>();
  for (const block of statement.condition?.blocks ?? []) {
    for (const entry of block.entries) {
      const colon = entry.key.text.lastIndexOf(':');
      const host = colon > 0 ? entry.key.text.slice(0, colon) : '';
      if (host.includes('.')) hosts.add(host.toLowerCase());
    }
  }
  return hosts;
}

function allowsWebIdentity(statement: Statement): boolean {
  const list = statement.action?.list;
  if (!list || list.unknown) return true;
  return list.values.some((v) => {
    const text = literal(v);
    return text === undefined || globMatcher(text)('sts:AssumeRoleWithWebIdentity');
  });
}

interface OidcStatement {
  readonly statement: Statement;
  readonly providers: readonly Provider[];
  /** Federated values whose provider cannot be told, in a statement with no condition at all. */
  readonly unconditioned: readonly Value[];
  /** Lower-case keys tested on every request. */
  readonly keys: ReadonlySet<string>;
}

/** The web-identity trust statements of a trust policy, with their providers; statements with unknown parts are left out. */
function oidcStatements(document: PolicyDocument, catalog: Catalog): OidcStatement[] {
  if (document.kind !== 'trust') return [];
  const out: OidcStatement[] = [];
  for (const statement of document.statements) {
    if (statement.unknown || !isAllow(statement) || statement.condition?.unknown) continue;
    if (!statement.principal || statement.principal.unknown || !allowsWebIdentity(statement)) continue;
    const federated = statement.principal.entries
      .filter((e) => e.kind === 'Federated' && !e.values.unknown)
      .flatMap((e) => e.values.values);
    if (federated.length === 0) continue;
    const providers: Provider[] = [];
    const unconditioned: Value[] = [];
    const inferred = hostsInConditions(statement);
    for (const value of federated) {
      const text = literal(value);
      if (text !== undefined && /:saml-provider\//.test(text)) continue;
      const host = hostOf(value) ?? (text === undefined && inferred.size === 1 ? [...inferred][0] : undefined);
      if (host) providers.push({ host, kind: kindOf(host), at: value });
      else if (text === undefined && !conditionRestricts(statement, catalog)) unconditioned.push(value);
    }
    const keys = new Set(namingEntries(statement, catalog).map(({ entry }) => entry.key.text.toLowerCase()));
    out.push({ statement, providers, unconditioned, keys });
  }
  return out;
}

/** How loosely a GitHub `sub` pattern (StringLike) names the workflows it lets in. */
function githubPattern(pattern: string): 'any-repository' | 'any-ref' | undefined {
  if (!/[*?]/.test(pattern)) return undefined;
  if (/^[*?]/.test(pattern)) return 'any-repository';
  if (!pattern.startsWith('repo:')) return undefined; // a customised subject claim: its shape is the owner's
  const rest = pattern.slice('repo:'.length);
  const end = rest.indexOf(':');
  const repository = end < 0 ? rest : rest.slice(0, end);
  if (/[*?]/.test(repository)) return 'any-repository';
  return 'any-ref';
}

/** The GitHub `sub` values that take effect: positive string operators that hold on every request. */
function githubSubjects(
  statement: Statement,
  catalog: Catalog,
): { operator: 'equals' | 'like'; value: Value }[] | 'unknown' {
  const out: { operator: 'equals' | 'like'; value: Value }[] = [];
  for (const { operator: parsed, entry } of requiredEntries(statement, catalog)) {
    if (entry.key.text.toLowerCase() !== `${GITHUB}:sub`) continue;
    if (parsed.base !== 'StringEquals' && parsed.base !== 'StringEqualsIgnoreCase' && parsed.base !== 'StringLike')
      continue;
    if (entry.values.unknown) return 'unknown';
    for (const value of entry.values.values)
      out.push({ operator: parsed.base === 'StringLike' ? 'like' : 'equals', value });
  }
  return out;
}

const PROVIDER_NAMES: Readonly<Record<ProviderKind, string>> = {
  github: 'GitHub Actions workflow, in any repository of any owner',
  eks: 'service account in any namespace of the EKS cluster',
  google: 'application signing in with Google',
  cognito: 'Cognito identity pool, in any account',
  facebook: 'Facebook application',
  amazon: 'Login with Amazon application',
  other: 'identity the provider issues tokens for',
};

export const oidcTrustUnpinned: Rule = {
  meta: {
    id: 'oidc-trust-unpinned',
    name: 'Web-identity trust open to anyone the provider serves',
    family: 'trust-and-resource',
    defaultSeverity: 'error',
    equivalents: {
      accessAnalyzer: ['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', 'MISSING_GITHUB_REPO_CONDITION_KEY'],
      checkov: ['CKV_AWS_358'],
    },
    docs: {
      what: 'A role trusts an OpenID Connect provider (`Federated`: GitHub Actions, an EKS cluster, Google, Cognito, any `oidc-provider/...`) for `sts:AssumeRoleWithWebIdentity` without a condition on the claim that identifies your tokens: `:sub` for GitHub, EKS and other providers, `:aud` for Google and Cognito, `:app_id` for Facebook and Login with Amazon. For GitHub, a `StringLike` subject that does not name the repository (`*`, `repo:*`, `repo:my-org/*`) is reported too. Conditions with `...IfExists` and `ForAllValues:` do not count: a token without the claim passes them (except on the audience, which every token carries: STS accepts a token only for a client ID registered with the provider). An entry with no values, or a value that matches anything (`StringLike "*"`), does not count either; a federated principal written as an intrinsic with a Condition that restricts nothing (`{}`) is reported as having none. Statements whose Condition is an intrinsic are not judged.',
      why: 'The provider issues tokens to everyone who uses it: without a condition on the subject, any GitHub workflow in the world (or every repository of the organisation), any pod of the cluster, any Google application can assume the role.',
      example:
        '{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringLike": { "token.actions.githubusercontent.com:sub": "repo:my-org/*" } } }',
      fix: 'Name the subject: `"StringEquals": { "token.actions.githubusercontent.com:sub": "repo:my-org/deploy:ref:refs/heads/main" }` (or `repo:my-org/deploy:environment:prod`); `system:serviceaccount:<namespace>:<name>` for EKS; your client id or identity pool id as the `aud` for Google and Cognito.',
    },
  },
  check(document, ctx) {
    for (const { statement, providers, unconditioned, keys } of oidcStatements(document, ctx.catalog)) {
      for (const value of unconditioned) {
        ctx.report({
          span: value.span,
          message:
            "This role trusts a web-identity provider with no condition at all: any identity the provider issues tokens for can assume it. Add conditions on the provider's claims (its :aud and :sub).",
        });
      }
      for (const provider of providers) {
        const claim = `${provider.host}:${IDENTIFYING_CLAIM[provider.kind]}`;
        const pinned =
          keys.has(claim) || (provider.kind === 'other' && [...keys].some((k) => k.startsWith(`${provider.host}:`)));
        if (!pinned) {
          ctx.report({
            span: provider.at.span,
            message: `Any ${PROVIDER_NAMES[provider.kind]} can assume this role: no condition on ${claim}${provider.kind === 'other' ? " or another of the provider's claims" : ''}.`,
          });
          continue;
        }
        if (provider.kind !== 'github') continue;
        const subjects = githubSubjects(statement, ctx.catalog);
        if (subjects === 'unknown') continue;
        // One exact subject or repository-pinned pattern limits the role; the loose ones beside it still widen it.
        for (const { operator, value } of subjects) {
          const text = literal(value);
          if (operator !== 'like' || text === undefined || githubPattern(text) !== 'any-repository') continue;
          ctx.report({
            span: value.span,
            message: `'${text}' does not name a repository: ${/^repo:[^*?/]+\//.test(text) ? `every repository of '${text.slice(5, text.indexOf('/'))}'` : 'any repository on GitHub'} can run a workflow that assumes this role.`,
          });
        }
      }
    }
  },
};

export const oidcAudienceMissing: Rule = {
  meta: {
    id: 'oidc-audience-missing',
    name: 'Web-identity trust without an audience',
    family: 'trust-and-resource',
    defaultSeverity: 'warning',
    equivalents: { accessAnalyzer: ['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL'] },
    docs: {
      what: 'A role trusts GitHub Actions, an EKS cluster or another OpenID Connect provider for `sts:AssumeRoleWithWebIdentity` without a condition on the token\'s audience (`<provider>:aud`) that restricts: an entry with no values or matching anything (`StringLike "*"`) does not count. Every token carries an audience, so `...IfExists` and `ForAllValues:` on it count as the plain operator does.',
      why: "The audience says the token was minted for AWS. Without it, a token the same workflow or service account obtained for another relying party is accepted too; AWS's own templates for GitHub and EKS always test it.",
      example:
        '"Condition": { "StringLike": { "token.actions.githubusercontent.com:sub": "repo:my-org/deploy:ref:refs/heads/main" } }',
      fix: 'Add `"StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }` (the quick fix does so for GitHub and EKS; for other providers use the client id registered with IAM).',
    },
  },
  check(document, ctx) {
    for (const { statement, providers, keys } of oidcStatements(document, ctx.catalog)) {
      for (const provider of providers) {
        if (provider.kind !== 'github' && provider.kind !== 'eks' && provider.kind !== 'other') continue;
        const audience = `${provider.host}:aud`;
        if (keys.has(audience)) continue;
        // For other providers, only when some claim is tested: no condition at all is oidc-trust-unpinned's finding.
        if (provider.kind === 'other' && ![...keys].some((k) => k.startsWith(`${provider.host}:`))) continue;
        ctx.report({
          span: provider.at.span,
          message: `No condition on ${audience}: tokens the provider issued for other audiences are accepted too.`,
          fixes: provider.kind === 'other' ? [] : audienceFix(ctx, statement, provider.host),
        });
      }
    }
  },
};

function audienceFix(ctx: RuleContext, statement: Statement, host: string): Fix[] {
  const edit = addConditionEntry(
    ctx.text,
    ctx.source.format,
    statement,
    'StringEquals',
    `${host}:aud`,
    'sts.amazonaws.com',
  );
  return edit ? [{ title: `Require ${host}:aud to be sts.amazonaws.com`, edits: [edit], preferred: true }] : [];
}

export const oidcBranchUnpinned: Rule = {
  meta: {
    id: 'oidc-github-branch-unpinned',
    name: 'GitHub trust open to every branch',
    family: 'trust-and-resource',
    defaultSeverity: 'info',
    equivalents: { accessAnalyzer: ['SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED'] },
    docs: {
      what: 'A role trusts GitHub Actions workflows of one repository through a `StringLike` subject such as `repo:my-org/deploy:*`, which names the repository but not the branch, tag or environment.',
      why: 'Every branch can then assume the role, including one a contributor pushes without review: protections on `main` or on a deployment environment do not apply.',
      example: '"StringLike": { "token.actions.githubusercontent.com:sub": "repo:my-org/deploy:*" }',
      fix: 'Name the branch or environment: `repo:my-org/deploy:ref:refs/heads/main` or `repo:my-org/deploy:environment:prod` (with `StringEquals`).',
    },
  },
  check(document, ctx) {
    for (const { statement, providers, keys } of oidcStatements(document, ctx.catalog)) {
      if (!providers.some((p) => p.kind === 'github') || !keys.has(`${GITHUB}:sub`)) continue;
      const subjects = githubSubjects(statement, ctx.catalog);
      if (subjects === 'unknown') continue;
      for (const { operator, value } of subjects) {
        const text = literal(value);
        if (operator !== 'like' || text === undefined || githubPattern(text) !== 'any-ref') continue;
        ctx.report({
          span: value.span,
          message: `'${text}' names the repository but not the branch or environment: any branch of it can assume this role.`,
        });
      }
    }
  },
};
