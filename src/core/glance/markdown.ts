/**
 * Markdown from text CloudWarden did not write. Event names, principals, source IPs and error codes come
 * from CloudTrail logs, which anyone able to call AWS (or to send a request AWS logs) can shape: each is
 * shown as inline code or escaped to literal text, so none can become a link, an image, emphasis or HTML,
 * and each stays on one line.
 */

/** Control characters (line breaks included) become spaces: a value stays on its line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** Every ASCII punctuation character may be backslash-escaped in CommonMark, and is then literal. */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;
/**
 * What can start a construct in prose (emphasis, links, images, HTML, tables, strikethrough, entities,
 * e-mail autolinks): escaped in CloudWarden's own sentences, whose other punctuation stays readable.
 */
const PROSE_SPECIAL = /[\\*_[\]<>|~&!@]/g;
/** Values longer than this are cut: a crafted 10 KB name must not fill the hover. */
const MAX_LENGTH = 120;

function oneLine(text: string, max: number): string {
  const flat = text.replace(CONTROL, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** AWS's text as literal Markdown text (every punctuation character escaped). */
export function literal(text: string): string {
  return oneLine(text.trim(), MAX_LENGTH).replace(PUNCTUATION, '\\$&');
}

/** Text as inline code, where nothing is interpreted: fenced with more backticks than it holds. */
export function codeSpan(text: string): string {
  const flat = oneLine(text.trim(), 2 * MAX_LENGTH);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * One of CloudWarden's own sentences: its `code` spans are kept, the rest escaped (an AccessDenied
 * sentence quotes the caller's ARN from AWS's message).
 */
export function sentence(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : oneLine(part, Infinity).replace(PROSE_SPECIAL, '\\$&')))
    .join('');
}
