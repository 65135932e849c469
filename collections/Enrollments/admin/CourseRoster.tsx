import type { UIFieldServerProps } from 'payload'
import React from 'react'

import { progressText } from '../export'
import { courseRoster, isRefusal, type RosterRow } from '../roster'
import { AddToCourse, RemoveFromCourse } from './RosterActions'

/**
 * The course's enrolment list inside its edit view (a `ui` field, server component): confirmed
 * people, then the waitlist in order, with the CSV download and manual add / remove. What it shows
 * is exactly what courseRoster allows this staff member (the same rules as the CSV).
 */
export async function CourseRoster({ id, req }: UIFieldServerProps) {
  if (!id) return <p className="field-description">Guarda el curso para ver aquí su lista de inscripción.</p>
  const roster = await courseRoster(req, id)
  if (isRefusal(roster)) return <p className="field-description">{roster.message}</p>
  const { admin, api } = req.payload.config.routes
  const { course, confirmed, waitlist } = roster
  return (
    <section className="course-roster" aria-labelledby="course-roster-title" style={{ marginBlock: '2rem' }}>
      <style>{ROSTER_CSS}</style>
      <h3 id="course-roster-title">Inscripciones</h3>
      <p>
        {confirmed.length} de {course.capacity} lugares confirmados · {waitlist.length} en lista de espera ·{' '}
        <a href={`${api}/enrollments/export/${course.id}`} download>Descargar CSV</a> ·{' '}
        <a href={`${admin}/collections/enrollments?where[course][equals]=${course.id}`}>Ver todas las inscripciones</a>
      </p>
      <AddToCourse courseId={course.id} api={api} />
      <RosterTable title="Confirmadas" rows={confirmed} admin={admin} api={api} />
      <RosterTable title="Lista de espera (en orden)" rows={waitlist} admin={admin} api={api} />
    </section>
  )
}

/**
 * The roster must fit the edit view's main column beside the document sidebar (about 560 px at
 * 1280 px). Payload's `.table` class gives every cell a 150 px minimum: nine columns ran 1,350 px
 * wide, under the sidebar, hiding Asistencia, Concluyó and Quitar. Own compact cells that wrap
 * (long e-mail addresses too); a scroll box only as a last resort on very narrow windows.
 */
const ROSTER_CSS = `
.course-roster__scroll { max-width: 100%; overflow-x: auto; margin-block: 1rem; }
.course-roster__table { width: 100%; border-collapse: collapse; }
.course-roster__table caption { text-align: start; font-weight: 600; padding-block-end: .25rem; }
.course-roster__table th, .course-roster__table td { padding: .35rem .4rem; vertical-align: top; text-align: start; overflow-wrap: anywhere; }
.course-roster__table thead th { color: var(--theme-elevation-500); font-weight: normal; }
.course-roster__table tbody tr:nth-child(odd) { background: var(--theme-elevation-50); }
.course-roster__table .btn { margin: 0; white-space: nowrap; }
`

function RosterTable({ title, rows, admin, api }: { title: string; rows: RosterRow[]; admin: string; api: string }) {
  if (!rows.length) return <p><strong>{title}:</strong> nadie por ahora.</p>
  return (
    <div className="course-roster__scroll">
      <table className="course-roster__table">
        <caption>{title} ({rows.length})</caption>
        <thead>
          <tr>
            {['#', 'Nombre', 'Edad', 'Colonia', 'Contacto', 'Estado', 'Asistencia', 'Concluyó', 'Quitar'].map((h) => <th key={h} scope="col">{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.enrollmentId}>
              <td>{r.position ?? i + 1}</td>
              {/* Attendance and completion are recorded on the enrolment itself. */}
              <td><a href={`${admin}/collections/enrollments/${r.enrollmentId}`}>{r.name || 'Cuenta eliminada'}</a></td>
              <td>{r.age ?? '—'}</td>
              <td>{r.colonia}</td>
              <td>{r.email && <a href={`mailto:${r.email}`}>{r.email}</a>}</td>
              <td>{r.statusLabel}</td>
              <td>{progressText(r)}</td>
              <td>{r.completed ? 'Sí' : 'No'}</td>
              <td><RemoveFromCourse enrollmentId={r.enrollmentId} name={r.name} api={api} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
