/**
 * Writing a `principals` entry into `.cloudwarden.yaml` (the command that sets a policy's principal): the
 * entry for the same files and resource is corrected, else one is added at the end of the list, else the
 * list is added. Edited through the `yaml` package's Document, so the file's comments, its other keys and
 * entries, and their order survive; a file that does not parse is refused rather than rewritten.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { isPrincipalArn } from './projectFile';

export interface PrincipalEntry {
  /** The file, relative to the project file's folder, `/`-separated. */
  readonly files: string;
  /** The resource's logical id, construct or address, when the file holds policies of several principals. */
  readonly resource?: string;
  readonly principal: string;
}

/** The project file's new text with the entry, or why it cannot be written (`text`: undefined when there is no file yet). */
export function withPrincipalEntry(
  text: string | undefined,
  entry: PrincipalEntry,
): { text: string } | { error: string } {
  if (!isPrincipalArn(entry.principal))
    return { error: `${entry.principal} is not a role's or user's ARN (arn:aws:iam::111122223333:role/name)` };
  const document = parseDocument(text ?? '');
  if (document.errors.length > 0)
    return { error: `the project file does not parse (${document.errors[0]!.message.split('\n')[0]}): fix it first` };
  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null))
    document.contents = document.createNode({}) as unknown as typeof document.contents;
  if (!isMap(document.contents)) return { error: 'the project file is not a mapping of keys: fix it first' };
  const list = document.get('principals', true);
  if (list === undefined || (isScalar(list) && list.value === null)) {
    document.set('principals', document.createNode([plain(entry)]));
  } else if (!isSeq(list)) {
    return { error: "the project file's principals is not a list: fix it first" };
  } else {
    const same = list.items.find((item): item is YAMLMap => isMap(item) && sameScope(item, entry));
    const written = same?.get('principal', true);
    // The value itself is changed where it is a scalar: a comment after it stays.
    if (isScalar(written)) written.value = entry.principal;
    else if (same) same.set('principal', entry.principal);
    else list.add(entryNode(document, entry));
  }
  return { text: document.toString() };
}

function plain(entry: PrincipalEntry): Record<string, string> {
  return {
    files: entry.files,
    ...(entry.resource !== undefined && { resource: entry.resource }),
    principal: entry.principal,
  };
}

function entryNode(document: Document, entry: PrincipalEntry) {
  return document.createNode(plain(entry));
}

function sameScope(item: YAMLMap, entry: PrincipalEntry): boolean {
  const text = (key: string) => {
    const value = item.get(key);
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  return text('files') === entry.files && text('resource') === entry.resource;
}
