/**
 * The publishing pipeline's one entry point (see README.md): Payload's config registers
 * `sitePublishing()`, the launcher builds with `publishSite` and serves with `serveSite`.
 */
export { currentSite, siteBuildIsCurrent, siteRoot, siteServerEntry, siteStaticDir } from './folders'
export { SITE_QUEUE } from './job'
export { planBuild, snapshotContent, type BuildPlan, type ContentSnapshot } from './plan'
export { sitePublishing } from './plugin'
export { buildSite, describePlan, publishSite, type SiteBuildOptions } from './publish'
export { stopWarmRenderer } from './render'

/** The HTTP side, loaded only by the launcher: Payload's config (and so the admin and site bundles) never carries it. */
export async function serveSite(siteDir: string) {
  return (await import('./serve')).serveSite(siteDir)
}
