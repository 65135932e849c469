/**
 * Demo images drawn locally (SVG rendered by sharp to WebP): no downloads, no binary files in git.
 */
import sharp from 'sharp'

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Greedy word wrap so a long pillar name fits the card. */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = []
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1]
    if (last && `${last} ${word}`.length <= maxChars) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

export type ImageFile = { data: Buffer; mimetype: string; name: string; size: number }

// Covers as JPEG (fast to encode; every size is re-encoded to WebP anyway), logos as PNG (transparent corners).
async function render(svg: string, name: string, format: 'jpeg' | 'png'): Promise<ImageFile> {
  const image = sharp(Buffer.from(svg))
  const data = await (format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.png()).toBuffer()
  return { data, mimetype: `image/${format}`, name: `${name}.${format === 'jpeg' ? 'jpg' : 'png'}`, size: data.length }
}

/** A 1600×900 cover in the pillar's colour with its name, in the spirit of the institute's posters. */
export function pillarCover(slug: string, name: string, color: string): Promise<ImageFile> {
  const lines = wrap(name, 24)
  const text = lines
    .map((line, i) => `<text x="110" y="${470 - (lines.length - 1) * 50 + i * 100}" font-size="84" font-weight="700">${escapeXml(line)}</text>`)
    .join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="#111827"/></linearGradient></defs>
    <rect width="1600" height="900" fill="url(#g)"/>
    <circle cx="1380" cy="170" r="260" fill="#ffffff" fill-opacity="0.08"/>
    <circle cx="1250" cy="760" r="180" fill="#ffffff" fill-opacity="0.06"/>
    <g font-family="DejaVu Sans, sans-serif" fill="#ffffff">
      <text x="110" y="190" font-size="40" letter-spacing="6" fill-opacity="0.85">VIAJE JOVEN · LEÓN</text>
      ${text}
    </g>
  </svg>`
  return render(svg, `portada-${slug}`, 'jpeg')
}

/** A 320×320 logo with the organization's initials: smaller than every image size, so none is generated. */
export function organizationLogo(key: string, initials: string, color: string): Promise<ImageFile> {
  const size = initials.length > 3 ? 75 : 95
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320">
    <rect width="320" height="320" rx="48" fill="${color}"/>
    <text x="160" y="160" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="${size}" font-weight="700" fill="#ffffff">${escapeXml(initials)}</text>
  </svg>`
  return render(svg, `logo-${key}`, 'png')
}
