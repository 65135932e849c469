/**
 * The full-text search index of /buscar/: run after rendering on the folder of static files
 * (`buildSearchIndex(siteStaticDir(buildDir))`). Pagefind indexes the `data-pagefind-body` parts of
 * the content pages and writes `<dir>/pagefind/`, loaded by the search page in the browser.
 */
import path from 'node:path'

import * as pagefind from 'pagefind'

export async function buildSearchIndex(staticDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'es' })
  try {
    if (!index) throw new Error(`No se pudo crear el índice de búsqueda: ${errors.join('; ')}`)
    const added = await index.addDirectory({ path: staticDir })
    if (added.errors.length) throw new Error(`Índice de búsqueda: ${added.errors.join('; ')}`)
    const written = await index.writeFiles({ outputPath: path.join(staticDir, 'pagefind') })
    if (written.errors.length) throw new Error(`Índice de búsqueda: ${written.errors.join('; ')}`)
    return { pages: added.page_count }
  } finally {
    await pagefind.close()
  }
}
