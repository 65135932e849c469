import type { AdminViewServerProps } from 'payload'
import { DefaultTemplate } from '@payloadcms/next/templates'
import { redirect } from 'next/navigation'
import React from 'react'

import { mayReadImpact } from '../../../collections/access'
import { staffImpact } from '../index'
import { TIME_ZONE } from '../../time'
import { isProblem, parseImpactQuery } from '../request'
import { COLUMN_TITLES, PEOPLE_COLUMNS, TABLE_TITLES, TABLES, type ImpactReport } from '../tables'

/**
 * The impact dashboard (/admin/impacto, server component): exact figures for the staff who may read
 * them, a date-range form that works without JavaScript, and a CSV link under every table.
 */
export async function ImpactView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, visibleEntities, permissions, locale } = initPageResult
  const allowed = mayReadImpact(req.user)
  const raw = Object.fromEntries(Object.entries(searchParams ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]))
  // Payload leaves custom views to check access themselves: without this, a visitor (or a youth's
  // session) got the admin's navigation. Sent where Payload sends them from its own views.
  if (!permissions.canAccessAdmin) {
    const { routes, admin } = req.payload.config
    const period = new URLSearchParams(Object.entries({ from: raw.from, to: raw.to }).filter((e): e is [string, string] => Boolean(e[1])))
    const here = `${routes.admin}/impacto${period.size ? `?${period}` : ''}`
    redirect(`${routes.admin}${req.user ? admin.routes.unauthorized : admin.routes.login}?redirect=${encodeURIComponent(here)}`)
  }
  const query = parseImpactQuery({ from: raw.from || undefined, to: raw.to || undefined })
  const report = allowed && !isProblem(query) ? await staffImpact(req.payload, query.from, query.to) : null
  const api = req.payload.config.routes.api
  const csv = (table: string) => (isProblem(query) ? '#' : `${api}/impact?format=csv&table=${table}&from=${query.from}&to=${query.to}`)
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <div className="gutter--left gutter--right" style={{ paddingBlock: '2rem' }}>
        <h1>Impacto del Viaje del Joven</h1>
        {!allowed ? (
          <p>Solo el equipo de administración, comunicación y coordinación puede ver el impacto.</p>
        ) : (
          <>
            <form method="get" style={{ display: 'flex', gap: '1rem', alignItems: 'end', flexWrap: 'wrap', marginBlock: '1rem' }}>
              <label>Desde<br /><input type="date" name="from" defaultValue={isProblem(query) ? raw.from : query.from} /></label>
              <label>Hasta<br /><input type="date" name="to" defaultValue={isProblem(query) ? raw.to : query.to} /></label>
              <button type="submit" className="btn btn--style-primary btn--size-small">Ver periodo</button>
            </form>
            {isProblem(query) && <p role="alert">{query.message}</p>}
            {report && <Report report={report} csv={csv} />}
            <p style={{ marginTop: '2rem' }}>
              Cifras exactas, solo para el equipo, salvo los pilares de salud y de prevención de la violencia: ahí un grupo de 1 a 4
              personas se muestra como «menos de 5», porque junto con la colonia o la edad podría señalar a alguien. La versión pública (con los grupos de menos de 5 personas ocultos) está en <a href="/datos-abiertos/">/datos-abiertos/</a>.
            </p>
          </>
        )}
      </div>
    </DefaultTemplate>
  )
}

const number = new Intl.NumberFormat('es-MX')
/** A hidden cell (a sensitive pillar's 1 to 4 people) reads as on open data; a real zero stays 0. */
const count = (value: number | null | undefined) => (value === null || value === undefined ? 'menos de 5' : number.format(value))
const instant = new Intl.DateTimeFormat('es-MX', { timeZone: TIME_ZONE, dateStyle: 'long', timeStyle: 'short' })

/** A period with no activity leaves a table without rows: say so instead of a bare header. */
const EmptyRow = ({ columns }: { columns: number }) => (
  <tr><td colSpan={columns}>Sin actividad en este periodo.</td></tr>
)

function Report({ report, csv }: { report: ImpactReport; csv: (table: string) => string }) {
  return (
    <>
      {report.asOf && <p>Datos al {instant.format(new Date(report.asOf))} (hora de León).</p>}
      <ul style={{ display: 'flex', gap: '2rem', listStyle: 'none', padding: 0, flexWrap: 'wrap' }}>
        {PEOPLE_COLUMNS.map((c) => (
          <li key={c}><strong style={{ fontSize: '1.6rem' }}>{number.format(report.totals[c] ?? 0)}</strong><br />{COLUMN_TITLES[c]}</li>
        ))}
      </ul>
      {TABLES.map((table) => (
        <section key={table} aria-labelledby={`impacto-${table}`} style={{ marginBlock: '2rem' }}>
          <h2 id={`impacto-${table}`}>{TABLE_TITLES[table]}</h2>
          <table className="table" style={{ width: '100%' }}>
            <thead><tr><th scope="col">Grupo</th>{PEOPLE_COLUMNS.map((c) => <th key={c} scope="col">{COLUMN_TITLES[c]}</th>)}</tr></thead>
            <tbody>
              {report.tables[table].map((row) => (
                <tr key={row.key}><th scope="row">{row.label}</th>{PEOPLE_COLUMNS.map((c) => <td key={c}>{count(row[c])}</td>)}</tr>
              ))}
              {!report.tables[table].length && <EmptyRow columns={PEOPLE_COLUMNS.length + 1} />}
            </tbody>
          </table>
          <p><a href={csv(table)} download>Descargar CSV</a></p>
        </section>
      ))}
      <section aria-labelledby="impacto-capacity">
        <h2 id="impacto-capacity">{TABLE_TITLES.capacity}</h2>
        <table className="table" style={{ width: '100%' }}>
          <thead><tr><th scope="col">Pilar</th><th scope="col">{COLUMN_TITLES.courses}</th><th scope="col">{COLUMN_TITLES.offered}</th><th scope="col">{COLUMN_TITLES.used}</th><th scope="col">Ocupación</th></tr></thead>
          <tbody>
            {report.tables.capacity.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th><td>{row.courses}</td><td>{number.format(row.offered)}</td><td>{count(row.used)}</td>
                <td>{row.offered && row.used !== null ? `${Math.round((row.used / row.offered) * 100)} %` : '—'}</td>
              </tr>
            ))}
            {!report.tables.capacity.length && <EmptyRow columns={5} />}
          </tbody>
        </table>
        <p><a href={csv('capacity')} download>Descargar CSV</a></p>
      </section>
    </>
  )
}
