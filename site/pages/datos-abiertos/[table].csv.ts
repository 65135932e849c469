import type { APIRoute, GetStaticPaths } from 'astro'

import { openImpactData } from '../../lib/data'
import { OPEN_DATA_TABLES, tableCsv } from '../../lib/open-data'
import type { TableName } from '../../../lib/impact/tables'

/** One CSV per table of the open-data page, from the suppressed figures only. */
export const getStaticPaths = (() => OPEN_DATA_TABLES.map((table) => ({ params: { table } }))) satisfies GetStaticPaths

export const GET: APIRoute = async ({ params }) =>
  new Response(tableCsv(await openImpactData(), params.table as TableName), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } })
