/** The count beside the "Sources" heading of the options page. */

/**
 * "5 built-in", "2 added by you", "7: 5 built-in, 2 added by you": only the kinds there are (a
 * "0 added" reads as something missing), and "none yet" for an empty list.
 */
export function sourceCount(total: number, added: number): string {
  const builtIn = total - added;
  if (total === 0) return 'none yet';
  if (added === 0) return `${builtIn} built-in`;
  if (builtIn === 0) return `${added} added by you`;
  return `${total}: ${builtIn} built-in, ${added} added by you`;
}
