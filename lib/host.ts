/** A site's host name as the extension compares and stores it: lower case, without "www.". */
export function hostKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}
