/**
 * Many verified youths with real sessions for tests and benches against a running app: one signs
 * up through the app, the rest are SQL copies of that row (hashing passwords tests nothing here),
 * each with a session and a JWT signed as Payload signs them.
 */
import { createHash } from 'node:crypto'

import { jwtSign } from 'payload'
import type pg from 'pg'

import { signUp } from './youth'

export type CrowdMember = { id: number; email: string; token: string }

export async function crowd(opts: { url: string; sql: pg.Client; secret: string; count: number; prefix: string }): Promise<CrowdMember[]> {
  const data = signUp()
  const response = await fetch(`${opts.url}/api/youth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) })
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`)
  const { rows: first } = await opts.sql.query(`update youth set _verified = true where email = $1 returning id`, [data.email])
  const { rows: columns } = await opts.sql.query(
    `select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'youth'
     and column_name not in ('id', 'email', 'curp', 'created_at', 'updated_at')`,
  )
  const copied = columns.map((c) => `"${c.column_name}"`).join(', ')
  const stamp = Date.now()
  await opts.sql.query(
    `insert into youth (email, ${copied}, created_at, updated_at)
     select $4::text || g || '.' || $2::text || '@ejemplo.mx', ${copied}, now(), now() from youth, generate_series(1, $3::int) g where youth.id = $1`,
    [first[0].id, stamp, opts.count, opts.prefix],
  )
  const { rows: sessions } = await opts.sql.query(
    `insert into youth_sessions (_order, _parent_id, id, created_at, expires_at)
     select 1, y.id, gen_random_uuid()::text, now(), now() + interval '1 day' from youth y where y.email like $1
     returning _parent_id as youth, id as sid, (select email from youth where id = _parent_id) as email`,
    [`${opts.prefix}%.${stamp}@ejemplo.mx`],
  )
  const secret = createHash('sha256').update(opts.secret).digest('hex').slice(0, 32)
  return Promise.all(
    sessions.map(async (s) => ({
      id: Number(s.youth),
      email: String(s.email),
      token: (await jwtSign({ fieldsToSign: { id: Number(s.youth), collection: 'youth', email: s.email, sid: s.sid }, secret, tokenExpiration: 86_400 })).token,
    })),
  )
}
