/** The smallest parts of the model: where things are in the text. No imports, so every file may use them. */

/** A half-open span of offsets into the source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A key of an object as written, with its span (for diagnostics on keys). */
export interface Key {
  readonly text: string;
  readonly span: Span;
}

/** A problem reading the source (syntax error, value of the wrong type where a policy must be). */
export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}
