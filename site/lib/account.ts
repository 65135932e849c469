/**
 * Shared plumbing of the /cuenta/ pages: plain HTML forms posted to the page itself, answered
 * with a redirect (PRG) on success or the same page with the errors next to their fields.
 */
import type { AstroGlobal } from 'astro'

import type { ApiError } from './live'
import { withSessionHint } from './session-hint'

export const ACCOUNT = {
  home: '/cuenta/',
  signUp: '/cuenta/registro/',
  logIn: '/cuenta/ingresar/',
  logOut: '/cuenta/salir/',
  forgot: '/cuenta/olvide/',
  profile: '/cuenta/perfil/',
  privacy: '/cuenta/privacidad/',
  cancelEnrolment: '/cuenta/inscripciones/cancelar/',
  notifications: '/cuenta/notificaciones/',
}

/** Messages shown after a redirect, chosen by `?aviso=`: the URL never carries free text. */
const NOTICES: Record<string, string> = {
  bienvenida: 'Tu cuenta está creada. Te enviamos un correo para confirmar tu dirección.',
  'sesion-iniciada': 'Iniciaste sesión.',
  'sesion-cerrada': 'Cerraste tu sesión.',
  'correo-confirmado': 'Listo: confirmaste tu correo.',
  'correo-reenviado': 'Te enviamos un enlace nuevo. Revisa también tu carpeta de spam.',
  'tutor-reenviado': 'Enviamos un enlace nuevo a tu madre, padre o tutor(a).',
  'perfil-guardado': 'Guardamos los cambios de tu perfil.',
  'contrasena-cambiada': 'Cambiaste tu contraseña.',
  'correo-cambiado': 'Cambiaste tu correo. Te enviamos un enlace a la dirección nueva para confirmarla.',
  'arco-enviada': 'Recibimos tu solicitud. Te responderemos dentro del plazo legal de 20 días hábiles.',
  'cuenta-eliminada': 'Tu cuenta se eliminó. Borramos tus datos personales; solo conservamos cifras anónimas para estadística.',
  'inicia-sesion': 'Inicia sesión para continuar.',
  'resumen-activado': 'Listo: cada lunes te enviaremos un resumen de oportunidades para ti.',
  'resumen-desactivado': 'Guardamos tus preferencias: no te enviaremos el resumen semanal.',
  'inscripcion-cancelada': 'Cancelaste tu inscripción. Si tenías un lugar confirmado, ya pasó a la siguiente persona de la lista de espera.',
}

export const noticeFrom = (url: URL): string | undefined => NOTICES[url.searchParams.get('aviso') ?? '']

/** Account pages are personal: never stored by a browser, proxy or CDN. */
export function privatePage(Astro: AstroGlobal) {
  Astro.response.headers.set('Cache-Control', 'private, no-store')
}

/** A 303 to `location` (with `?aviso=`), carrying the session cookies Payload set and their hint for static pages. */
export function redirectTo(location: string, notice?: string, setCookies: string[] = []): Response {
  // The notice goes before a fragment (`/cursos/x/#inscripcion`), where a browser still reads it.
  const [target, fragment] = location.split('#')
  const headers = new Headers({ Location: `${notice ? `${target}?aviso=${notice}` : target}${fragment ? `#${fragment}` : ''}`, 'Cache-Control': 'private, no-store' })
  for (const cookie of withSessionHint(setCookies)) headers.append('Set-Cookie', cookie)
  return new Response(null, { status: 303, headers })
}

/** Only paths on this site (with an optional `#section`): `?siguiente=` must not become an open redirect. */
export const safeNext = (value: string | null): string => (value && /^\/(?!\/)[\w\-/]*(#[\w-]+)?$/.test(value) ? value : ACCOUNT.home)

/** The log-in page that brings the person back to `next` (a path, maybe with `#section`) afterwards. */
export const logInThenBackTo = (next: string): string => `${ACCOUNT.logIn}?siguiente=${encodeURIComponent(next)}`

export type FormErrors = { byField: Record<string, string>; general: string[] }

/** Payload's `{ errors: [{ message, field }] }`, sorted into next-to-the-field and general messages. */
export function sortErrors(errors: ApiError[], fields: string[]): FormErrors {
  const byField: Record<string, string> = {}
  const general: string[] = []
  for (const error of errors) {
    if (error.field && fields.includes(error.field) && !byField[error.field]) byField[error.field] = error.message
    else general.push(error.message)
  }
  return { byField, general }
}

export const noErrors = (): FormErrors => ({ byField: {}, general: [] })

/** A form's text fields, trimmed; absent and empty fields are left out. */
export function textFields(form: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of names) {
    const value = form.get(name)
    if (typeof value === 'string' && value.trim()) out[name] = value.trim()
  }
  return out
}

/** A form posted to an account page, or null for a GET. */
export async function postedForm(request: Request): Promise<FormData | null> {
  if (request.method !== 'POST') return null
  return request.formData().catch(() => new FormData())
}

/** The youth's state on the dashboard, in the order a new account goes through it. */
export type AccountState = 'verify-email' | 'guardian' | 'ready' | 'deleted'

export function accountState(youth: { _verified?: boolean | null; anonymizedAt?: string | null; guardianConsent?: { status?: string | null } | null }): AccountState {
  if (youth.anonymizedAt) return 'deleted'
  if (!youth._verified) return 'verify-email'
  if (youth.guardianConsent?.status === 'pending') return 'guardian'
  return 'ready'
}
