/**
 * A key's or secret's policy in the details pane: the policy text as AWS returned it (indented), and
 * CloudWarden's findings on it, each with its line, rule, severity and message; or the sentence that
 * says there is none or why it could not be read.
 */
import type { PolicyState } from '../../shared/explorerMessages';
import { element } from '../dom';
import { plural } from './format';

export function policyView(policy: PolicyState): HTMLElement {
  const section = element('section', 'policy');
  section.setAttribute('aria-label', 'Policy');
  section.setAttribute('aria-live', 'polite');
  if (policy.state === 'loading') {
    section.append(element('p', 'note', 'Reading the policy…'));
    return section;
  }
  if (policy.state !== 'policy') {
    section.append(element('p', policy.state === 'failed' ? 'note error' : 'note', policy.sentence));
    return section;
  }
  const pre = element('pre', 'policy-text', policy.review.text);
  pre.dataset['testid'] = 'policy';
  pre.tabIndex = 0;
  const findings = policy.review.findings;
  const heading = element(
    'h3',
    '',
    findings.length === 0
      ? 'CloudWarden finds nothing to report'
      : `CloudWarden: ${plural(findings.length, 'finding')}`,
  );
  const list = element('ul', 'policy-findings');
  for (const f of [...findings].sort((a, b) => a.line - b.line)) {
    const item = element('li', `severity-${f.severity.toLowerCase()}`);
    item.append(
      element('span', 'where', `line ${f.line}`),
      element('span', 'rule', f.ruleId),
      element('span', 'level', f.severity),
      element('span', 'message', f.message),
    );
    list.append(item);
  }
  section.append(group2(pre, heading, list));
  return section;
}

/** The text and its findings side by side when the pane is wide, one under the other when not. */
function group2(pre: HTMLElement, heading: HTMLElement, list: HTMLElement): HTMLElement {
  const findings = element('div', 'policy-review');
  findings.append(heading, list);
  const both = element('div', 'policy-split');
  both.append(pre, findings);
  return both;
}
