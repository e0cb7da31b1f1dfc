/**
 * Many IAM wildcard patterns (`*` any run of characters, `?` exactly one), indexed so that the patterns
 * matching a text are found in one walk over the text, whatever their number: the redundancy rules ask
 * this for every entry of a list, and testing each entry against every pattern grows with the square of
 * the list (20,000 resources took a minute).
 *
 * The patterns form a trie whose edges are runs of literal text, with a `*` and a `?` branch per node;
 * matching runs the trie as an automaton over the text's UTF-16 code units, keeping the set of nodes
 * (and places inside edges) the text so far can have reached. A `*` node stays active on every
 * character. The text's own `*` and `?` are plain characters: only a pattern's wildcards match
 * anything else, as in compileGlob. Patterns and texts are compared as given: fold the case of both
 * before, where the comparison ignores case.
 */

interface Edge {
  /** Literal text, never empty, without wildcards. */
  label: string;
  to: TrieNode;
}

class TrieNode {
  /** Edges by the first code unit of their label. */
  edges: Map<number, Edge> | undefined;
  /** After a `?`. */
  any: TrieNode | undefined;
  /** After a `*`: a node that also stays active on every character. */
  star: TrieNode | undefined;
  /** The pattern ending here, if one does. */
  terminal: GlobTerminal | undefined;
  /** The step in which this node was last made active (deduplicates the active set). */
  mark = -1;

  constructor(readonly isStar: boolean) {}
}

/** A pattern of the index, with the ids it was added with (in the order added). */
export interface GlobTerminal {
  readonly pattern: string;
  readonly ids: number[];
}

export class GlobIndex {
  private readonly root = new TrieNode(false);
  private stamp = 0;
  /**
   * The automaton states visited by every match so far: the work done, which grows with the length of
   * the texts and the states they keep alive, not with the number of patterns (the scale tests count it).
   */
  work = 0;

  /** Adds a pattern with an id; a pattern added again keeps one terminal with both ids. */
  add(pattern: string, id: number): void {
    let node = this.root;
    let i = 0;
    while (i < pattern.length) {
      const c = pattern.charCodeAt(i);
      if (c === STAR) {
        node = node.star ??= new TrieNode(true);
        i++;
        continue;
      }
      if (c === QUESTION) {
        node = node.any ??= new TrieNode(false);
        i++;
        continue;
      }
      let end = i + 1;
      while (end < pattern.length && !isWildcard(pattern.charCodeAt(end))) end++;
      node = insertRun(node, pattern.slice(i, end));
      i = end;
    }
    node.terminal ??= { pattern, ids: [] };
    node.terminal.ids.push(id);
  }

  /** The patterns that match the whole of `text`, each once, in no particular order. */
  matches(text: string): GlobTerminal[] {
    // Two generations of states, swapped after each character (reused: this runs per list entry).
    let now = this.current;
    let next = this.following;
    now.clear();
    this.stamp++;
    now.activate(this.root, this.stamp);
    for (let i = 0; i < text.length && (now.nodes.length > 0 || now.edges.length > 0); i++) {
      const c = text.charCodeAt(i);
      const stamp = ++this.stamp;
      next.clear();
      this.work += now.nodes.length + now.edges.length;
      for (const node of now.nodes) {
        if (node.isStar) next.activate(node, stamp);
        if (node.any) next.activate(node.any, stamp);
        const edge = node.edges?.get(c);
        if (!edge) continue;
        if (edge.label.length === 1) next.activate(edge.to, stamp);
        else next.inside(edge, 1);
      }
      for (let k = 0; k < now.edges.length; k++) {
        const edge = now.edges[k]!;
        const at = now.offsets[k]!;
        if (edge.label.charCodeAt(at) !== c) continue;
        if (at + 1 === edge.label.length) next.activate(edge.to, stamp);
        else next.inside(edge, at + 1);
      }
      [now, next] = [next, now];
    }
    const found: GlobTerminal[] = [];
    for (const node of now.nodes) if (node.terminal) found.push(node.terminal);
    return found;
  }

  private current = new States();
  private following = new States();
}

/** The states of the automaton after some characters: nodes, and places inside edges (an edge and an offset). */
class States {
  readonly nodes: TrieNode[] = [];
  readonly edges: Edge[] = [];
  readonly offsets: number[] = [];

  clear(): void {
    this.nodes.length = 0;
    this.edges.length = 0;
    this.offsets.length = 0;
  }

  /** A node and, through `*` matching nothing, the star nodes below it; each node once per step. */
  activate(node: TrieNode, stamp: number): void {
    for (let n: TrieNode | undefined = node; n && n.mark !== stamp; n = n.star) {
      n.mark = stamp;
      this.nodes.push(n);
    }
  }

  /** A place inside an edge: it comes from one active node at one step, so it is never there twice. */
  inside(edge: Edge, offset: number): void {
    this.edges.push(edge);
    this.offsets.push(offset);
  }
}

const STAR = 42;
const QUESTION = 63;

function isWildcard(c: number): boolean {
  return c === STAR || c === QUESTION;
}

/** Follows (and where needed creates or splits) the edges spelling `run` from `node`; returns the node at its end. */
function insertRun(node: TrieNode, run: string): TrieNode {
  let at = node;
  let rest = run;
  while (rest.length > 0) {
    const first = rest.charCodeAt(0);
    at.edges ??= new Map();
    const edge = at.edges.get(first);
    if (!edge) {
      const to = new TrieNode(false);
      at.edges.set(first, { label: rest, to });
      return to;
    }
    let common = 1;
    const max = Math.min(edge.label.length, rest.length);
    while (common < max && edge.label.charCodeAt(common) === rest.charCodeAt(common)) common++;
    if (common < edge.label.length) {
      // Split the edge where the run leaves it.
      const middle = new TrieNode(false);
      middle.edges = new Map([[edge.label.charCodeAt(common), { label: edge.label.slice(common), to: edge.to }]]);
      edge.label = edge.label.slice(0, common);
      edge.to = middle;
    }
    at = edge.to;
    rest = rest.slice(common);
  }
  return at;
}
