import type { Investigation } from './model';
import { subjectNoun } from './subject';

function plural(count: number, noun: string): string {
  const many = /(s|sh|ch|x)$/.test(noun) ? `${noun}es` : `${noun}s`;
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : many}`;
}

/** The report in a few sentences: what was read, what fired, how it is classified, what to do first. */
export function summaryOf(report: Omit<Investigation, 'summary'>): string {
  const { profile, findings, unusual } = report.analysis;
  const who = report.subject.kind === 'window' ? 'The account' : `The ${subjectNoun(report.subject.kind)}`;
  const sentences: string[] = [];
  if (profile.events === 0) {
    sentences.push(
      `${report.source} holds no events for this ${report.subject.kind === 'window' ? 'window' : subjectNoun(report.subject.kind)} between ${report.since} and ${report.until}.`,
    );
  } else {
    sentences.push(
      `${who} shows ${plural(profile.events, 'event')} from ${profile.firstSeen} to ${profile.lastSeen} (${report.source}): ` +
        `${plural(profile.principals.length, 'principal')}, ${plural(profile.sourceIps.length, 'source address')}${profile.sourceIps.length === 10 ? ' or more' : ''}, ` +
        `${plural(profile.regions.length, 'Region')}; ${plural(profile.changes, 'change')}, ${plural(profile.reads, 'read')}, ${plural(profile.accessDenied, 'denied call')}.`,
    );
  }
  const hits = report.detection.hits.length;
  sentences.push(
    hits === 0
      ? 'No detection fired.'
      : `${plural(hits, 'detection hit')}: ${report.detection.counts
          .slice(0, 3)
          .map((c) => `${c.title} (${c.severity}, ${c.count})`)
          .join('; ')}${report.detection.counts.length > 3 ? '; …' : ''}.`,
  );
  if (unusual.length > 0) sentences.push(`${plural(unusual.length, 'unusual item')}.`);
  if (findings.length > 0)
    sentences.push(`${plural(findings.length, 'related finding')} in GuardDuty or Security Hub.`);
  sentences.push(`Classified ${report.classification.severity}: ${report.classification.reason}`);
  const first = report.response[0];
  if (first !== undefined) sentences.push(`First step: ${first.title.charAt(0).toLowerCase()}${first.title.slice(1)}.`);
  if (report.partial.length > 0) sentences.push('The report is partial (see why below).');
  return sentences.join(' ');
}
