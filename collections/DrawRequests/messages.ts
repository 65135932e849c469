/**
 * What a youth reads about their own draw request, shared by the course island (browser), the
 * no-JavaScript page and «Mi cuenta». Imports nothing (it reaches a phone's download).
 */

export type MyDrawRequest = { folio: string; status: string; rank?: number | null; position?: number | null }

export function describeMyDrawRequest(mine: MyDrawRequest): string {
  switch (mine.status) {
    case 'requested':
      return `Ya solicitaste un lugar: tu folio es ${mine.folio}. El resultado se publica después del sorteo.`
    case 'withdrawn':
      return `Retiraste tu solicitud (folio ${mine.folio}). Puedes volver a solicitar mientras las solicitudes sigan abiertas.`
    case 'confirmed':
      return `¡Obtuviste lugar en el sorteo! Tu folio ${mine.folio} salió en el lugar ${mine.rank} y tu inscripción está confirmada.`
    case 'waitlisted':
      return `Tu folio ${mine.folio} salió en el lugar ${mine.rank} del sorteo: estás en la lista de espera${mine.position ? `, en el lugar ${mine.position}` : ''}. Si se libera un lugar, te avisamos por correo.`
    case 'excluded':
      return `Tu solicitud (folio ${mine.folio}) quedó fuera del sorteo porque al momento del sorteo no cumplías los requisitos del curso.`
    default:
      return `Tu folio es ${mine.folio}.`
  }
}

const moment = new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
export const drawMoment = (value: string | null | undefined): string => (value ? `${moment.format(new Date(value))} h` : '')

type Phase = { phase: 'before' | 'open' | 'closed' | 'drawn'; requestsOpen?: string | null; requestsClose?: string | null; drawAt?: string | null }

/** «Solicitudes abiertas hasta …; sorteo el …» */
export function describeDrawPhase(draw: Phase): string {
  if (draw.phase === 'before') return `Las solicitudes abren el ${drawMoment(draw.requestsOpen)} y cierran el ${drawMoment(draw.requestsClose)}. Sorteo: ${drawMoment(draw.drawAt)}.`
  if (draw.phase === 'open') return `Solicitudes abiertas hasta el ${drawMoment(draw.requestsClose)}. Sorteo: ${drawMoment(draw.drawAt)}.`
  if (draw.phase === 'closed') return `Las solicitudes ya cerraron. Sorteo: ${drawMoment(draw.drawAt)}.`
  return 'El sorteo ya se realizó: consulta el resultado.'
}
