// `cloudwarden detect --format sarif`: SARIF 2.1.0 as the lint's (sarif.ts: paths under %SRCROOT%,
// GitHub's security-severity), one result per hit, located at the log file the event came from.
import { pathToFileURL } from 'node:url';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Detection, Hit } from '../core';
import type { UnreadableFile } from '../logs';
import { artifactOf, pascalName, SRCROOT } from './sarif';

type DetectionSeverity = Hit['severity'];

const LEVEL: Readonly<Record<DetectionSeverity, Result.level>> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
  INFO: 'note',
};
/** GitHub code scanning's bands: over 9 critical, 7 to 8.9 high, 4 to 6.9 medium, below 4 low. */
const SECURITY_SEVERITY: Readonly<Record<DetectionSeverity, string>> = {
  CRITICAL: '9.5',
  HIGH: '8.0',
  MEDIUM: '5.5',
  LOW: '3.0',
  INFO: '1.0',
};
/** An event id is unique in a trail: a hit is its detection on its event, whichever run finds it again. */
const FINGERPRINT_KEY = 'cloudwardenDetection/v1';

const UNREADABLE: ReportingDescriptor = {
  id: 'unreadable',
  shortDescription: { text: 'A log file or folder that could not be read, or was read only in part' },
};

function ruleOf(detection: Detection): ReportingDescriptor {
  const reference = detection.references[0];
  return {
    id: detection.id,
    name: pascalName(detection.id),
    shortDescription: { text: detection.title },
    fullDescription: { text: detection.description },
    ...(reference !== undefined && { helpUri: reference }),
    defaultConfiguration: { level: LEVEL[detection.severity] },
    properties: {
      tags: ['security', `external/mitre/${detection.mitre.technique}`],
      precision: 'medium',
      'security-severity': SECURITY_SEVERITY[detection.severity],
      mitre: detection.mitre,
      ...(detection.panther !== undefined && { panther: detection.panther }),
    },
  };
}

/** A SARIF log of one run: the detections that fired as rules, each hit a result at its log file. */
export function detectSarif(
  hits: readonly Hit[],
  unreadable: readonly UnreadableFile[],
  detections: readonly Detection[],
  options: { readonly version: string; readonly root: string },
): Log {
  const fired = new Set(hits.map((hit) => hit.detection));
  const rules = detections.filter((d) => fired.has(d.id)).map(ruleOf);
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = hits.map((hit): Result => ({
    ruleId: hit.detection,
    ruleIndex: ruleIndex.get(hit.detection)!,
    level: LEVEL[hit.severity],
    message: { text: `${hit.sentence} (${hit.principal}, ${hit.eventTime}, event ${hit.eventId})` },
    ...(hit.file !== undefined && {
      locations: [{ physicalLocation: { artifactLocation: artifactOf(hit.file, options.root) } }],
    }),
    partialFingerprints: { [FINGERPRINT_KEY]: `${hit.detection}:${hit.eventId}` },
    properties: { eventId: hit.eventId, eventTime: hit.eventTime, principal: hit.principal, region: hit.region },
  }));
  const notifications = unreadable.map((u): Notification => ({
    level: 'error',
    descriptor: { id: UNREADABLE.id, index: 0 },
    message: { text: `${u.file}: ${u.reason}` },
    locations: [{ physicalLocation: { artifactLocation: artifactOf(u.file, options.root) } }],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'CloudWarden', version: options.version, rules, notifications: [UNREADABLE] },
        },
        // Partial results: a file not read in full makes the run's execution unsuccessful, its hits still stand.
        invocations: [{ executionSuccessful: unreadable.length === 0, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.root).href.replace(/\/?$/, '/') } },
        results,
      },
    ],
  };
}
