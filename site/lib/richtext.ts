/**
 * Lexical rich text → HTML at build time (no React on the page). Payload escapes text nodes; links
 * and uploads use its default converters.
 */
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'

type RichText = Parameters<typeof convertLexicalToHTML>[0]['data']

export function richTextToHTML(value: unknown): string {
  if (!value || typeof value !== 'object' || !('root' in value)) return ''
  const html = convertLexicalToHTML({ data: value as RichText, disableContainer: true })
  return html.replace(/<p><\/p>/g, '').trim()
}
