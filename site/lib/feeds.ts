/**
 * What both RSS feeds share: Spanish, and an `atom:link rel="self"` naming the feed's own URL,
 * which the RSS Advisory Board recommends and feed validators ask for (readers use it to follow a move).
 */
export function feedChannel(site: URL, feedPath: string) {
  const self = new URL(feedPath, site).toString()
  return {
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>es-mx</language><atom:link href="${self}" rel="self" type="application/rss+xml"/>`,
  }
}
