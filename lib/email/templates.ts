/**
 * Every email a person receives, in Spanish, in one place. Each template is plain data
 * (paragraphs and one button) rendered twice: simple HTML and its plain-text twin.
 */

export type RenderedEmail = { subject: string; html: string; text: string }
type Content = { subject: string; greeting: string; paragraphs: string[]; action?: { label: string; url: string }; after?: string[] }

const SIGNATURE = 'Instituto Municipal de la Juventud de León · Viaje Joven'

export const verifyEmail = (p: { name: string; url: string }): RenderedEmail =>
  render({
    subject: 'Confirma tu correo en Viaje Joven',
    greeting: `Hola, ${p.name}:`,
    paragraphs: [
      'Para terminar de crear tu cuenta en Viaje Joven, confirma que este correo es tuyo.',
      'Ya puedes entrar y explorar; para inscribirte a cursos o postularte a convocatorias necesitas confirmarlo.',
    ],
    action: { label: 'Confirmar mi correo', url: p.url },
    after: ['Si no creaste una cuenta, ignora este mensaje.'],
  })

export const resetPassword = (p: { name: string; url: string }): RenderedEmail =>
  render({
    subject: 'Cambia tu contraseña de Viaje Joven',
    greeting: `Hola, ${p.name}:`,
    paragraphs: ['Recibimos una solicitud para cambiar la contraseña de tu cuenta. El enlace vale por una hora.'],
    action: { label: 'Elegir una contraseña nueva', url: p.url },
    after: ['Si no lo pediste, ignora este mensaje: tu contraseña actual sigue funcionando.'],
  })

export const guardianConsent = (p: { guardianName: string; youthName: string; url: string; days: number }): RenderedEmail =>
  render({
    subject: `${p.youthName} necesita tu autorización en Viaje Joven`,
    greeting: `Hola, ${p.guardianName}:`,
    paragraphs: [
      `${p.youthName} creó una cuenta en Viaje Joven, la plataforma del Instituto Municipal de la Juventud de León, ` +
        'y te registró como su madre, padre o tutor(a).',
      'Por ser menor de edad, necesita tu autorización para inscribirse a cursos y participar en convocatorias. ' +
        'Puedes consultar el aviso de privacidad en el sitio antes de decidir.',
      `El enlace vale por ${p.days} días y solo puede usarse una vez.`,
    ],
    action: { label: 'Dar mi autorización', url: p.url },
    after: ['Si no conoces a esta persona o no quieres autorizar, ignora este mensaje y la cuenta no podrá inscribirse.'],
  })

function render(c: Content): RenderedEmail {
  const paragraphs = [...c.paragraphs]
  const html = [
    '<!doctype html><html lang="es"><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1a1a1a">',
    `<p>${escapeHtml(c.greeting)}</p>`,
    ...paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`),
    c.action
      ? `<p><a href="${escapeHtml(c.action.url)}" style="background:#5b2a86;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(c.action.label)}</a></p>` +
        `<p>Si el botón no funciona, copia esta dirección en tu navegador:<br>${escapeHtml(c.action.url)}</p>`
      : '',
    ...(c.after ?? []).map((text) => `<p style="color:#555">${escapeHtml(text)}</p>`),
    `<p style="color:#555">${escapeHtml(SIGNATURE)}</p>`,
    '</body></html>',
  ].join('\n')
  const text = [
    c.greeting,
    ...paragraphs,
    ...(c.action ? [`${c.action.label}: ${c.action.url}`] : []),
    ...(c.after ?? []),
    SIGNATURE,
  ].join('\n\n')
  return { subject: c.subject, html, text }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
}

/** Plain text for messages that Payload composes with HTML only (verify, forgot password). */
export function htmlToText(html: string): string {
  return html
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2: $1')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Ends a sentence with one period: a place ending in «León, Gto.» must not read «Gto..». */
export const sentence = (text: string): string => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`)

export type EnrollmentEmailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder'

/** Enrolment news: seat confirmed, place in line, promoted from the line, reminder the day before. */
export const enrollment = (p: {
  kind: EnrollmentEmailKind
  name: string
  courseTitle: string
  courseUrl: string
  accountUrl: string
  firstSession?: string
  place?: string
  position?: number
}): RenderedEmail => {
  const when = [p.firstSession && sentence(`Primera sesión: ${p.firstSession}`), p.place && sentence(`Lugar: ${p.place}`)].filter(Boolean) as string[]
  const calendar = 'Adjuntamos las fechas del curso para que las agregues a tu calendario.'
  const cancelHint = 'Si ya no puedes asistir, cancela desde «Mi cuenta» para que tu lugar pase a la siguiente persona de la lista de espera.'
  const byKind: Record<EnrollmentEmailKind, Omit<Content, 'greeting'>> = {
    confirmed: {
      subject: `Tienes lugar en «${p.courseTitle}»`,
      paragraphs: [`Tu inscripción a «${p.courseTitle}» está confirmada: tienes un lugar.`, ...when, calendar],
      action: { label: 'Ver el curso', url: p.courseUrl },
      after: [cancelHint],
    },
    waitlisted: {
      subject: `Estás en la lista de espera de «${p.courseTitle}»`,
      paragraphs: [
        `El cupo de «${p.courseTitle}» está lleno. Quedaste en la lista de espera, en el lugar ${p.position ?? '—'}.`,
        'Si alguien cancela o se abren más lugares, el lugar pasa automáticamente a la primera persona de la lista y te avisaremos por correo.',
      ],
      action: { label: 'Ver mis inscripciones', url: p.accountUrl },
      after: ['Si ya no te interesa, sal de la lista desde «Mi cuenta».'],
    },
    promoted: {
      subject: `¡Se liberó un lugar! Ya tienes lugar en «${p.courseTitle}»`,
      paragraphs: [`Se liberó un lugar y era tu turno: tu inscripción a «${p.courseTitle}» está confirmada.`, ...when, calendar],
      action: { label: 'Ver el curso', url: p.courseUrl },
      after: [cancelHint],
    },
    reminder: {
      subject: `Recordatorio: «${p.courseTitle}» empieza pronto`,
      paragraphs: [`Te esperamos en «${p.courseTitle}».`, ...when, calendar],
      action: { label: 'Ver el curso', url: p.courseUrl },
      after: [cancelHint],
    },
  }
  return render({ greeting: `Hola, ${p.name}:`, ...byKind[p.kind] })
}

/** An application to a call was submitted: the receipt ("folio") the youth keeps. */
export const applicationSubmitted = (p: { name: string; callTitle: string; folio: string; submittedAt: string; accountUrl: string }): RenderedEmail =>
  render({
    subject: `Recibimos tu postulación a «${p.callTitle}» · folio ${p.folio}`,
    greeting: `Hola, ${p.name}:`,
    paragraphs: [
      `Recibimos tu postulación a «${p.callTitle}» el ${p.submittedAt}.`,
      `Tu folio es ${p.folio}. Guárdalo: con él puedes consultar tu postulación y, en su momento, los resultados.`,
      'Te avisaremos por correo cuando cambie el estado de tu postulación.',
    ],
    action: { label: 'Ver mis postulaciones', url: p.accountUrl },
    after: ['Si ya no quieres participar, puedes retirar tu postulación desde «Mi cuenta» antes del cierre de la convocatoria.'],
  })

/** Staff need something more from the applicant: their note, and where to answer (once). */
export const applicationNeedsInfo = (p: { name: string; callTitle: string; folio: string; note: string; accountUrl: string }): RenderedEmail =>
  render({
    subject: `Necesitamos información sobre tu postulación a «${p.callTitle}» · folio ${p.folio}`,
    greeting: `Hola, ${p.name}:`,
    paragraphs: [
      `Estamos revisando tu postulación a «${p.callTitle}» (folio ${p.folio}) y necesitamos que nos compartas lo siguiente:`,
      p.note,
      'Responde desde «Mi cuenta», en tu postulación. Puedes escribir tu respuesta y, si hace falta, adjuntar un documento (PDF, JPG o PNG). Solo puedes responder una vez, así que incluye todo lo que se pide.',
    ],
    action: { label: 'Responder', url: p.accountUrl },
  })

export type ApplicationResult = 'accepted' | 'waitlisted' | 'rejected'

/** The decision on an application. */
export const applicationResult = (p: { result: ApplicationResult; name: string; callTitle: string; folio: string; note?: string | null; accountUrl: string }): RenderedEmail => {
  const byResult: Record<ApplicationResult, { subject: string; lead: string }> = {
    accepted: {
      subject: `¡Tu postulación a «${p.callTitle}» fue aceptada! · folio ${p.folio}`,
      lead: `Nos da mucho gusto avisarte que tu postulación a «${p.callTitle}» (folio ${p.folio}) fue aceptada. Pronto te contactaremos con los siguientes pasos.`,
    },
    waitlisted: {
      subject: `Tu postulación a «${p.callTitle}» está en lista de espera · folio ${p.folio}`,
      lead: `Tu postulación a «${p.callTitle}» (folio ${p.folio}) quedó en la lista de espera: si se libera un lugar, te avisaremos por correo.`,
    },
    rejected: {
      subject: `Resultado de tu postulación a «${p.callTitle}» · folio ${p.folio}`,
      lead: `Gracias por postularte a «${p.callTitle}». Esta vez tu postulación (folio ${p.folio}) no fue seleccionada. Te invitamos a seguir participando en las convocatorias del Instituto.`,
    },
  }
  return render({
    subject: byResult[p.result].subject,
    greeting: `Hola, ${p.name}:`,
    paragraphs: [byResult[p.result].lead, ...(p.note ? [`Comentario del equipo: ${p.note}`] : [])],
    action: { label: 'Ver mis postulaciones', url: p.accountUrl },
  })
}

/** The weekly "Para ti" digest (opt-in): new open courses and calls with the reason for each. */
export const weeklyDigest = (p: { name: string; items: { title: string; kind: string; reason: string; url: string }[]; journeyUrl: string; unsubscribeUrl: string }): RenderedEmail =>
  render({
    subject: p.items.length === 1 ? 'Una oportunidad nueva para ti en Viaje Joven' : `${p.items.length} oportunidades nuevas para ti en Viaje Joven`,
    greeting: `Hola, ${p.name}:`,
    paragraphs: [
      'Esta semana se abrieron estas oportunidades a las que puedes inscribirte o postularte:',
      ...p.items.map((item) => `«${item.title}» (${item.kind}): ${item.reason}. ${item.url}`),
    ],
    action: { label: 'Ver todo lo que es para ti', url: p.journeyUrl },
    after: [`Recibes este correo porque lo pediste en tu cuenta. Para dejar de recibirlo, un clic basta: ${p.unsubscribeUrl}`],
  })

/** A draw («sorteo») whose request could not enter: the youth no longer met the course's requirements at the draw time. */
export const drawExcluded = (p: { name: string; courseTitle: string; folio: string; reason: string; drawUrl: string }): RenderedEmail =>
  render({
    subject: `Tu solicitud para «${p.courseTitle}» quedó fuera del sorteo`,
    greeting: `Hola, ${p.name}:`,
    paragraphs: [
      `El sorteo de lugares de «${p.courseTitle}» ya se realizó. Tu solicitud (folio ${p.folio}) no pudo participar porque, al momento del sorteo, no se cumplía un requisito del curso:`,
      p.reason,
    ],
    action: { label: 'Ver el resultado del sorteo', url: p.drawUrl },
    after: ['Si crees que es un error, responde a este correo o escribe a la coordinación del curso.'],
  })
