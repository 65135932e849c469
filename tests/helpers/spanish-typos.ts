/**
 * Typos a reader notices at once, looked for in what people read (built pages, emails, demo
 * content): the brand spelled otherwise than «Viaje Joven», a doubled period («Gto..»), a word
 * written twice, a space before a comma or period.
 */
const CHECKS: { name: string; pattern: RegExp }[] = [
  { name: 'marca mal escrita', pattern: /\bviaje\s+joven\b/giu },
  { name: 'punto doble', pattern: /\p{L}\.\.(?!\.)/gu },
  { name: 'palabra repetida', pattern: /(?<!\p{L})(\p{L}{2,})[ \t]+\1(?!\p{L})/giu },
  { name: 'espacio antes de coma o punto', pattern: /\p{L} +[,.](?=\s|$)/gu },
]

const BRAND = 'Viaje Joven'
/** Words that are right twice in a row in Spanish («que que» never is; «nos nos» never is). */
const FINE_TWICE = new Set(['no'])

/** Each typo in `text` as «kind: …context…». */
export function spanishTypos(text: string): string[] {
  const found: string[] = []
  for (const { name, pattern } of CHECKS) {
    for (const match of text.matchAll(pattern)) {
      if (name === 'marca mal escrita' && match[0].replace(/\s+/g, ' ') === BRAND) continue
      if (name === 'palabra repetida' && FINE_TWICE.has(match[1].toLowerCase())) continue
      const at = match.index ?? 0
      found.push(`${name}: …${text.slice(Math.max(0, at - 30), at + match[0].length + 30).replace(/\s+/g, ' ')}…`)
    }
  }
  return found
}

/** The text a person reads in an HTML page: no scripts, styles or tags. */
export const readableText = (html: string): string =>
  html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    // A heading, list item or table cell ends a line: «Compartir» over «Compartir por WhatsApp» is no repetition.
    .replace(/<\/?(p|div|li|ul|ol|h[1-6]|dt|dd|dl|section|article|header|footer|nav|summary|details|td|th|tr|table|br|figcaption|label|legend|option|button)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
