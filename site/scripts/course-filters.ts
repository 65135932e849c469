/**
 * Hides the course cards that do not match the filter form. Runs in the browser; the page is
 * complete without it (all cards shown, the form stays hidden).
 */
const DAY = 24 * 60 * 60 * 1000

type Filters = { pillar: string; kind: string; modality: string; when: string; age: number | null; free: boolean }

function matches(card: HTMLElement, f: Filters, now: number): boolean {
  const d = card.dataset
  if (f.pillar && !(d.pillars ?? '').split(' ').includes(f.pillar)) return false
  if (f.kind && d.kind !== f.kind) return false
  if (f.modality && d.modality !== f.modality) return false
  if (f.free && d.free !== '1') return false
  if (f.age !== null && (f.age < Number(d.ageMin) || f.age > Number(d.ageMax))) return false
  if (f.when) {
    const starts = d.starts ? new Date(d.starts).getTime() : NaN
    const horizon = f.when === 'week' ? 7 * DAY : 31 * DAY
    if (!(starts <= now + horizon)) return false
  }
  return true
}

export function setupCourseFilters(): void {
  const form = document.querySelector<HTMLFormElement>('[data-course-filters]')
  const list = document.querySelector<HTMLElement>('[data-course-list]')
  if (!form || !list) return
  const count = document.querySelector<HTMLElement>('[data-filter-count]')
  const empty = document.querySelector<HTMLElement>('[data-filter-empty]')
  const cards = [...list.querySelectorAll<HTMLElement>('.card')]

  const apply = () => {
    const data = new FormData(form)
    const age = Number.parseInt(String(data.get('age') ?? ''), 10)
    const filters: Filters = {
      pillar: String(data.get('pillar') ?? ''),
      kind: String(data.get('kind') ?? ''),
      modality: String(data.get('modality') ?? ''),
      when: String(data.get('when') ?? ''),
      age: Number.isFinite(age) ? age : null,
      free: data.get('free') === '1',
    }
    const now = Date.now()
    let shown = 0
    for (const card of cards) {
      const visible = matches(card, filters, now)
      card.hidden = !visible
      if (visible) shown++
    }
    if (count) count.textContent = `${shown} de ${cards.length} cursos y talleres`
    if (empty) empty.hidden = shown > 0
  }

  form.hidden = false
  form.addEventListener('input', apply)
  form.addEventListener('change', apply)
  form.addEventListener('reset', () => setTimeout(apply))
  form.addEventListener('submit', (event) => event.preventDefault())
}
