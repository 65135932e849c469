/**
 * «Solicitudes de lugar por sorteo» in Mi cuenta: the visitor's requests still waiting for a draw,
 * or left out of one, read through the API with their own session (access: only their rows). A
 * request that won a place or joined the line shows as the enrolment it became (Mis inscripciones).
 */
import { apiGet } from './live'

export type ListedDrawRequest = { id: number; folio: string; status: 'requested' | 'excluded'; reason?: string | null; course: { title: string; slug: string } }

export async function myDrawRequests(request: Request): Promise<ListedDrawRequest[]> {
  const query = 'where[status][in]=requested,excluded&depth=1&limit=50&sort=-createdAt&select[folio]=true&select[status]=true&select[reason]=true&select[course]=true'
  const { data } = await apiGet<{ docs: (Omit<ListedDrawRequest, 'course'> & { course: ListedDrawRequest['course'] | number | null })[] }>(request, `/draw-requests?${query}`)
  // A course no longer published is not populated (a number): nothing to link to.
  return (data?.docs ?? []).filter((r): r is ListedDrawRequest => Boolean(r.course && typeof r.course === 'object'))
}
