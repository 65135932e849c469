import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook } from 'payload'

import { dbOf, rows, sql } from '../../../lib/db'
import { queueEnrollmentEmails } from '../emails'
import { fillSeats } from '../waitlist'

/**
 * Capacity changes of a course, added to the Courses collection's hooks. Both run inside the
 * course update's own transaction and lock the course row first, like enrolling does.
 */

/** Refuses a capacity below the people already confirmed: they keep their seats. */
export const refuseCapacityBelowConfirmed: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  const capacity = data?.capacity
  if (operation !== 'update' || typeof capacity !== 'number' || !originalDoc || capacity >= Number(originalDoc.capacity)) return data
  const db = await dbOf(req)
  await db.execute(sql`SELECT id FROM courses WHERE id = ${originalDoc.id} FOR UPDATE`)
  const [count] = await rows(db, sql`SELECT count(*) AS confirmed FROM enrollments WHERE course_id = ${originalDoc.id} AND status = 'confirmed'`)
  const confirmed = Number(count?.confirmed ?? 0)
  if (capacity < confirmed) {
    const message = `El cupo no puede ser menor que las ${confirmed} personas con lugar confirmado. Para reducirlo, primero cancela inscripciones.`
    throw new ValidationError({ collection: 'courses', errors: [{ path: 'capacity', message }] }, req.t)
  }
  return data
}

/**
 * A raised capacity gives the new seats to the waitlist in order. Reads the stored capacity, not
 * `doc`: a draft's capacity is not live until it is published.
 */
export const promoteOnCapacityRaise: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || Number(doc.capacity) <= Number(previousDoc?.capacity ?? Infinity)) return doc
  const db = await dbOf(req)
  const [course] = await rows(db, sql`SELECT capacity FROM courses WHERE id = ${doc.id} FOR UPDATE`)
  if (!course) return doc
  const promoted = await fillSeats(db, Number(doc.id), Number(course.capacity))
  await queueEnrollmentEmails(req, promoted.map((id) => ({ id, kind: 'promoted' as const })))
  return doc
}
