/**
 * The admin shows and picks dates on León's wall clock whatever the computer's zone
 * (lib/admin/LeonDate.tsx): the shift to the computer's local fields and back is exact.
 */
import { afterAll, describe, expect, it } from 'vitest'

import { fromLeonWallClock, leonWallClock } from '../../lib/time'

const zoneBefore = process.env.TZ
afterAll(() => {
  process.env.TZ = zoneBefore
})

describe('León wall clock on another computer', () => {
  for (const zone of ['Asia/Tokyo', 'Europe/Madrid', 'America/Mexico_City', 'UTC', 'Pacific/Kiritimati']) {
    it(`in ${zone}: local fields read León's time, and back to the same instant`, () => {
      process.env.TZ = zone
      for (const iso of ['2026-12-03T14:08:00.000Z', '2026-07-01T05:30:00.000Z', '2027-01-01T05:59:59.000Z', '2026-06-15T12:00:00.000Z']) {
        const local = leonWallClock(iso)
        const expected = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
        const shown = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}, ${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}:${String(local.getSeconds()).padStart(2, '0')}`
        expect(shown, iso).toBe(expected)
        expect(fromLeonWallClock(local).toISOString(), iso).toBe(iso)
      }
    })
  }

  it('a time picked as 08:00 in León is 14:00 UTC, from a computer in Tokyo', () => {
    process.env.TZ = 'Asia/Tokyo'
    expect(fromLeonWallClock(new Date(2026, 11, 3, 8, 0)).toISOString()).toBe('2026-12-03T14:00:00.000Z')
  })
})
