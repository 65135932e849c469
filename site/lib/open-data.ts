/** What /datos-abiertos/ shows of the (already suppressed) impact report, in words. */
import type { Count, TableName } from '../../lib/impact/tables'

export { COLUMN_TITLES, PEOPLE_COLUMNS, TABLES, TABLE_TITLES, tableCsv } from '../../lib/impact/tables'
export const OPEN_DATA_TABLES: TableName[] = ['pillar', 'age', 'gender', 'colonia', 'organization', 'month', 'capacity']

export const csvPath = (table: TableName) => `/datos-abiertos/${table}.csv`

const number = new Intl.NumberFormat('es-MX')
/** A suppressed cell reads "menos de 5"; a real zero stays 0. */
export const shownCount = (value: Count | undefined): string => (value === null || value === undefined ? 'menos de 5' : number.format(value))
