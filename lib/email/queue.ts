/**
 * Messages that answer a person's action (enrollment confirmed or waitlisted, promotion from the
 * line, application received / needs information / result) go to their own job queue, polled
 * every second (payload.config.ts), so they leave within seconds of the action instead of at the
 * next minute's tick. Scheduled messages (reminders, the weekly digest) stay on the default queue.
 * Verification, guardian consent and password reset are sent by the request itself (see docs).
 */
export const MAIL_QUEUE = 'mail'
