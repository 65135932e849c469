/**
 * `npm run build`: everything production needs, without serving it: the admin (Next) and the
 * public site (Astro, from the database's published content, switched in atomically).
 */
import { loadProjectEnv } from './project'

loadProjectEnv()
const wantsProduction = process.env.NODE_ENV === 'production'
const started = Date.now()
const { boot } = await import('./boot')
const builds = await import('./builds')
const rt = await import('./runtime')

const platform = await boot({ wantsProduction, checkPort: false })
try {
  ;(process.env as Record<string, string>).NODE_ENV = 'production'
  rt.step('Compilando el panel de administración …')
  await builds.buildAdmin(rt.info)
  rt.step('Construyendo el sitio público …')
  const { publishSite } = await import('../publishing')
  const { dir } = await publishSite(platform.payload, { log: rt.info, full: true })
  console.log(`\n✔ Listo en ${((Date.now() - started) / 1000).toFixed(1)} s. Sitio vigente: ${dir}`)
  await platform.stop()
  process.exit(0)
} catch (error) {
  await platform.stop()
  rt.fail(error)
}
