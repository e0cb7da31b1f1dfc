import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { activityLensTitle, referenceKey, showActivityArgument } from '../core';
import type { ActivityService } from './activityService';
import { referencesIn } from './references';
import type { PolicySources } from './sources';

/** Lenses per document at most: each may cost a LookupEvents scan. */
const MAX_LENSES = 20;
/** Fetches that end close together make one refresh. */
const REFRESH_DELAY_MS = 200;

/**
 * A CodeLens of CloudTrail activity above the first mention of each resource a document references. A
 * lens whose answer is not in yet says "loading…"; when its fetch ends, VS Code is asked to refresh the
 * lenses (LSP's workspace/codeLens/refresh), once for the fetches that end together.
 */
export class ActivityLenses {
  private readonly waiting = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly activity: ActivityService,
    private readonly sources: PolicySources,
    private readonly refresh: () => void,
  ) {}

  async provide(document: TextDocument): Promise<CodeLens[]> {
    const seen = new Set<string>();
    const lenses: CodeLens[] = [];
    for (const reference of referencesIn(this.sources, document)) {
      if (lenses.length >= MAX_LENSES) break;
      if (seen.has(referenceKey(reference))) continue;
      seen.add(referenceKey(reference));
      const answer = await this.activity.glance(reference);
      if (!answer) return []; // AWS is not configured
      if (answer.glance.loading) this.waiting.add(answer.key);
      const start = document.positionAt(reference.span.start);
      lenses.push({
        range: { start, end: start },
        command: {
          title: activityLensTitle(answer.glance, answer.now),
          command: 'cloudwarden.showActivity',
          arguments: [showActivityArgument(reference, answer.glance.query)],
        },
      });
    }
    return lenses;
  }

  /** A fetch ended: if a lens shows it loading, refresh the lenses shortly. */
  settled(key: string): void {
    if (!this.waiting.delete(key) || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, REFRESH_DELAY_MS);
  }
}
