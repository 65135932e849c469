import { z } from 'zod'

/**
 * What the apply endpoints accept and answer, shared with the site's apply form. Imports nothing
 * from Payload, so no server code reaches a browser bundle.
 */

export const APPLICATION_STATUSES = ['draft', 'submitted', 'in-review', 'needs-info', 'accepted', 'rejected', 'withdrawn'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: 'Borrador',
  submitted: 'Enviada',
  'in-review': 'En revisión',
  'needs-info': 'Requiere información',
  accepted: 'Aceptada',
  rejected: 'Rechazada',
  withdrawn: 'Retirada',
}

/** A youth may still withdraw (before the deadline) from these. */
export const WITHDRAWABLE: readonly ApplicationStatus[] = ['draft', 'submitted', 'in-review', 'needs-info']

/** Path parameter of /api/calls/:id/apply and /api/applications/:id/withdraw. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647)

/**
 * The multipart `data` field: answers keyed by the question's id (`questions[].id` of the call),
 * and whether to submit now or keep a draft. Files travel as their own parts, each named by the
 * id of the requested document or of the file question it answers.
 */
export const applyData = z.object({
  answers: z.record(z.string().max(64), z.unknown()).default({}),
  submit: z.boolean().default(true),
})
export type ApplyData = z.infer<typeof applyData>

export const applyResult = z.object({ folio: z.string().nullable(), status: z.enum(APPLICATION_STATUSES) })
export type ApplyResult = z.infer<typeof applyResult>
