/** What one source of unused-permission evidence answers: its evidence, or why it has none. */
import type { MissingEvidence } from '../core';

export interface EvidenceAnswer<E> {
  readonly evidence?: E;
  readonly missing?: MissingEvidence;
}
