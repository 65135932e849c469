import { describe, expect, it } from 'vitest'

import { curpBirthDay, curpCheckDigit, curpProblem } from '../../collections/Youth/curp'
import { passwordProblem } from '../../collections/Youth/password-policy'
import { addBusinessDays, ageOn, calendarDay } from '../../lib/time'

describe('CURP', () => {
  it('accepts a published RENAPO example and reads its birth day', () => {
    expect(curpProblem('HEGG560427MVZRRL04')).toBeNull()
    expect(curpBirthDay('HEGG560427MVZRRL04')).toBe('1956-04-27')
    expect(curpCheckDigit('HEGG560427MVZRRL0')).toBe(4)
  })
  it('reads the century from position 17 and checks consistency with a birth day', () => {
    const first17 = 'GOMA080315HGTNRNA'
    const curp = first17 + curpCheckDigit(first17)
    expect(curpBirthDay(curp)).toBe('2008-03-15')
    expect(curpProblem(curp, '2008-03-15')).toBeNull()
    expect(curpProblem(curp, '2008-03-16')).toBe('birthDate')
  })
  it('rejects a bad format, state or check digit', () => {
    expect(curpProblem('HEGG560427MVZRRL0')).toBe('format')
    expect(curpProblem('HEGG560427MXXRRL04')).toBe('format')
    expect(curpProblem('HEGG560427MVZRRL05')).toBe('checkDigit')
  })
})

describe('time rules', () => {
  it('counts age in whole years and refuses impossible days', () => {
    expect(ageOn('2008-03-15', '2026-03-14')).toBe(17)
    expect(ageOn('2008-03-15', '2026-03-15')).toBe(18)
    expect(calendarDay('2010-02-30')).toBeNull()
    expect(calendarDay('2012-02-29T12:00:00.000Z')).toBe('2012-02-29')
  })
  it('adds business days Monday to Friday in León', () => {
    // Friday 2026-11-20, 18:00 in León (00:00 UTC Saturday) → 20 business days later is Friday 2026-12-18.
    expect(addBusinessDays(new Date('2026-11-21T00:00:00Z'), 20).slice(0, 10)).toBe('2026-12-18')
  })
})

describe('password policy', () => {
  it('asks for 8+ characters, refuses common ones, and has no composition rules', () => {
    expect(passwordProblem('corta')).toMatch(/8/)
    expect(passwordProblem('Password1')).toMatch(/común/)
    expect(passwordProblem('aaaaaaaaaa')).toMatch(/común/)
    expect(passwordProblem('tacos de canasta al amanecer')).toBeNull()
  })
})
