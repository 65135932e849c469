import { z } from 'zod'

/**
 * What the apply endpoints accept and answer, shared with the site's apply form. Imports nothing
 * from Payload, so no server code reaches a browser bundle.
 */

export const APPLICATION_STATUSES = ['draft', 'submitted', 'in-review', 'needs-info', 'accepted', 'waitlisted', 'rejected', 'withdrawn'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: 'Borrador',
  submitted: 'Enviada',
  'in-review': 'En revisión',
  'needs-info': 'Requiere información',
  accepted: 'Aceptada',
  waitlisted: 'En lista de espera',
  rejected: 'Rechazada',
  withdrawn: 'Retirada',
}

/** A youth may still withdraw (before the deadline) from these. */
export const WITHDRAWABLE: readonly ApplicationStatus[] = ['draft', 'submitted', 'in-review', 'needs-info']

/** The statuses staff may set, and only once the youth has submitted (not on drafts or withdrawn ones). */
export const STAFF_STATUSES: readonly ApplicationStatus[] = ['in-review', 'needs-info', 'accepted', 'waitlisted', 'rejected']
/** Decisions: each one is emailed to the youth once. */
export const DECIDED: readonly ApplicationStatus[] = ['accepted', 'waitlisted', 'rejected']

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
  /** The youth agrees that their name may appear in the call's public results (otherwise only the folio). */
  publishNameConsent: z.boolean().optional(),
})
export type ApplyData = z.infer<typeof applyData>

export const applyResult = z.object({ folio: z.string().nullable(), status: z.enum(APPLICATION_STATUSES) })
export type ApplyResult = z.infer<typeof applyResult>

export const REPLY_MAX = 3000

/** `POST /api/applications/:id/reply`: the youth's answer to "Requiere información" (JSON, or the multipart `data` part). */
export const replyData = z.object({
  text: z
    .string({ error: 'Escribe tu respuesta.' })
    .trim()
    .min(1, { error: 'Escribe tu respuesta.' })
    .max(REPLY_MAX, { error: `Tu respuesta puede tener hasta ${REPLY_MAX} caracteres.` }),
})
export type ReplyData = z.infer<typeof replyData>
