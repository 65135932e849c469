/** Splits a list into pages of `size`; an empty list still has one (empty) page. */
export function pages<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out.length ? out : [[]]
}

export const NEWS_PER_PAGE = 12
