import type { Endpoint } from 'payload'

import { errorResponse } from '../../../lib/api-errors'
import { seatCounts } from '../../Enrollments/seat-counts'

/**
 * `GET /api/courses/:id/availability` → `{ capacity, confirmed, seatsLeft, waitlisted }`.
 * Public and never cached: it is the live fact the site's seats island shows.
 */
export const availabilityEndpoint: Endpoint = {
  path: '/:id/availability',
  method: 'get',
  handler: async (req) => {
    const id = Number(req.routeParams?.id)
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return errorResponse(404, 'No encontramos ese curso o taller.')
    const { docs } = await req.payload.find({
      collection: 'courses',
      where: { id: { equals: id } },
      overrideAccess: false, // drafts stay invisible to the public
      user: req.user,
      depth: 0,
      limit: 1,
      select: { capacity: true },
      req,
    })
    if (!docs[0]) return errorResponse(404, 'No encontramos ese curso o taller.')
    const capacity = Number(docs[0].capacity ?? 0)
    const { confirmed, waitlisted } = await seatCounts(req, id)
    return Response.json(
      { capacity, confirmed, seatsLeft: Math.max(0, capacity - confirmed), waitlisted },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  },
}
