/** Markdown pieces shared by the hover and documentation texts. */

/** Text as inline code: a pattern's `*` would otherwise be read as Markdown emphasis. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}

/** Text inside a table cell: a `|` would end the cell. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
