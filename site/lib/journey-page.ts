/**
 * "Mi viaje" (/cuenta/viaje/): the youth's journey and "Para ti", read at request time with the
 * visitor's own session, and the six pillars drawn as an SVG whose text twin is the table beside it.
 */
import type { Journey, PillarProgress } from '../../lib/journey'
import type { Recommendation } from '../../lib/journey/recommend'
import { apiGet } from './live'
import { urls } from './urls'

export const JOURNEY_PATH = '/cuenta/viaje/'

export type JourneyView =
  | { status: 'anonymous' }
  | { status: 'ok'; journey: Journey; recommendations: Recommendation[]; notice?: string }
  | { status: 'error' }

export async function journeyView(request: Request): Promise<JourneyView> {
  const [journey, forYou] = await Promise.all([
    apiGet<Journey>(request, '/youth/me/journey'),
    apiGet<{ items: Recommendation[]; notice?: string }>(request, '/youth/me/recommendations'),
  ])
  if (journey.status === 401 || journey.status === 403) return { status: 'anonymous' }
  if (!journey.data) return { status: 'error' }
  return { status: 'ok', journey: journey.data, recommendations: forYou.data?.items ?? [], notice: forYou.data?.notice }
}

export const LEVEL_LABELS: Record<PillarProgress['level'], string> = {
  none: 'Por descubrir',
  explored: 'Explorado',
  active: 'En curso',
  completed: 'Con logros',
}
const LEVEL_SHARE: Record<PillarProgress['level'], number> = { none: 0, explored: 1 / 3, active: 2 / 3, completed: 1 }

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const safeColor = (color?: string | null) => (color && /^#[0-9a-f]{6}$/i.test(color) ? color : '#5b2a86')

/**
 * One bar per pillar, its length the furthest the youth went (explored ⅓, under way ⅔, achieved
 * full). The SVG is `role="img"` with a short label; the table `#tabla-progreso` says it all in text.
 */
export function progressSvg(progress: PillarProgress[]): string {
  const row = 44
  const width = 320
  const barWidth = width - 16
  const height = progress.length * row + 8
  const bars = progress.map((p, i) => {
    const y = i * row + 8
    const filled = Math.round(barWidth * LEVEL_SHARE[p.level])
    return [
      `<text x="8" y="${y + 12}" font-size="13" fill="#1f1f1f">${escapeXml(p.name)}</text>`,
      `<rect x="8" y="${y + 18}" width="${barWidth}" height="14" rx="7" fill="#ececec"/>`,
      filled ? `<rect x="8" y="${y + 18}" width="${filled}" height="14" rx="7" fill="${safeColor(p.color)}"/>` : '',
    ].join('')
  })
  const reached = progress.filter((p) => p.level !== 'none').length
  const label = `Tu progreso en los seis pilares: ${reached} de ${progress.length} con actividad. El detalle está en la tabla siguiente.`
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="grafica-titulo" focusable="false"><title id="grafica-titulo">${escapeXml(label)}</title>${bars.join('')}</svg>`
}

export const programUrl = (item: { type: 'course' | 'call'; slug?: string | null }): string | null =>
  item.slug ? (item.type === 'course' ? urls.course(item.slug) : urls.call(item.slug)) : null

export const OPPORTUNITIES_PATH = '/cuenta/puedo-inscribirme/'

export type OpportunityFilter = { type?: 'course' | 'call'; pillar?: string }

export type OpportunitiesView =
  | { status: 'anonymous' }
  | {
      status: 'ok'
      items: Recommendation[]
      /** Before the filter: to tell "nothing open for you" from "nothing matches the filter". */
      total: number
      alreadyIn: number
      notForYou: number
      notice?: string
      pillars: { slug: string; name: string }[]
    }
  | { status: 'error' }

/** Query string → filter; anything unknown is simply no filter (a shared link never breaks). */
export function opportunityFilter(url: URL): OpportunityFilter {
  const kind = url.searchParams.get('tipo')
  const pillar = url.searchParams.get('pilar') ?? ''
  return {
    type: kind === 'cursos' ? 'course' : kind === 'convocatorias' ? 'call' : undefined,
    pillar: /^[a-z0-9-]{1,60}$/.test(pillar) ? pillar : undefined,
  }
}

/** "¿A qué puedo inscribirme?": the whole open catalogue the visitor may join now, filtered. */
export async function opportunitiesView(request: Request, filter: OpportunityFilter): Promise<OpportunitiesView> {
  type Body = { items: Recommendation[]; alreadyIn: number; notForYou: number; notice?: string }
  const [open, pillars] = await Promise.all([
    apiGet<Body>(request, '/youth/me/opportunities'),
    apiGet<{ docs: { slug: string; name: string }[] }>(request, '/pillars?limit=20&sort=order&depth=0&select[name]=true&select[slug]=true'),
  ])
  if (open.status === 401 || open.status === 403) return { status: 'anonymous' }
  if (!open.data) return { status: 'error' }
  const items = open.data.items.filter((i) => (!filter.type || i.type === filter.type) && (!filter.pillar || i.pillars.includes(filter.pillar)))
  return {
    status: 'ok',
    items,
    total: open.data.items.length,
    alreadyIn: open.data.alreadyIn,
    notForYou: open.data.notForYou,
    notice: open.data.notice,
    pillars: (pillars.data?.docs ?? []).map(({ slug, name }) => ({ slug, name })),
  }
}
