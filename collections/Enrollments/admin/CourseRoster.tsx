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

function RosterTable({ title, rows, admin, api }: { title: string; rows: RosterRow[]; admin: string; api: string }) {
  if (!rows.length) return <p><strong>{title}:</strong> nadie por ahora.</p>
  return (
    <table className="table" style={{ width: '100%', marginBlock: '1rem' }}>
      <caption style={{ textAlign: 'start', fontWeight: 600 }}>{title} ({rows.length})</caption>
      <thead>
        <tr>
          {['#', 'Nombre', 'Edad', 'Colonia', 'Contacto', 'Estado', 'Asistencia', 'Concluyó', ''].map((h) => <th key={h} scope="col">{h}</th>)}
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
  )
}
