import type { PayloadRequest } from 'payload'

/**
 * Confirmed and waitlisted enrolments of a course. Until enrolment exists (its own collection,
 * `enrollments`), nobody holds a seat; once it does, this is the one place that counts them.
 */
export async function seatCounts(req: PayloadRequest, courseId: number): Promise<{ confirmed: number; waitlisted: number }> {
  if (!req.payload.collections['enrollments' as never]) return { confirmed: 0, waitlisted: 0 }
  const count = async (status: string) =>
    (
      await req.payload.count({
        collection: 'enrollments' as never,
        where: { course: { equals: courseId }, status: { equals: status } },
        overrideAccess: true, // counts only, no personal data leaves this function
        req,
      })
    ).totalDocs
  const [confirmed, waitlisted] = await Promise.all([count('confirmed'), count('waitlisted')])
  return { confirmed, waitlisted }
}
