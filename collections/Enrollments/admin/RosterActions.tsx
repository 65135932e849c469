'use client'
import React, { useState } from 'react'

/**
 * Manual add and remove on the course's enrolment list. Both go through the public endpoints
 * (enrol with `{ youth }`, cancel), so the seat lock, the waitlist and the emails work as always.
 */

type Failure = string | null

async function post(path: string, body?: unknown): Promise<Failure> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
  }).catch(() => null)
  if (response?.ok) return null
  const json = (await response?.json().catch(() => null)) as { errors?: { message?: string }[] } | null
  return json?.errors?.[0]?.message ?? 'No se pudo completar. Revisa tu conexión e intenta de nuevo.'
}

export function RemoveFromCourse({ enrollmentId, name, api }: { enrollmentId: number; name: string; api: string }) {
  const [failure, setFailure] = useState<Failure>(null)
  const remove = async () => {
    if (!window.confirm(`¿Quitar a ${name || 'esta persona'} del curso? Si tenía lugar, pasa a la primera persona de la lista de espera y se le avisa por correo.`)) return
    const problem = await post(`${api}/enrollments/${enrollmentId}/cancel`)
    if (problem) setFailure(problem)
    else window.location.reload()
  }
  return (
    <>
      <button type="button" className="btn btn--style-secondary btn--size-small" onClick={remove}>Quitar</button>
      {failure && <span role="alert"> {failure}</span>}
    </>
  )
}

export function AddToCourse({ courseId, api }: { courseId: number; api: string }) {
  const [email, setEmail] = useState('')
  const [failure, setFailure] = useState<Failure>(null)
  const add = async () => {
    if (!email.trim()) return setFailure('Escribe el correo de la persona joven.')
    const found = await fetch(`${api}/youth?where[email][equals]=${encodeURIComponent(email.trim())}&limit=1&depth=0&select[email]=true`, { credentials: 'include' })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null)
    const youthId = found?.docs?.[0]?.id
    if (!youthId) return setFailure('No encontramos una cuenta de persona joven con ese correo.')
    const problem = await post(`${api}/courses/${courseId}/enroll`, { youth: youthId })
    if (problem) setFailure(problem)
    else window.location.reload()
  }
  return (
    // Not a <form>: this sits inside the course's own edit form, and Enter must not save the course.
    <div role="group" aria-labelledby="roster-add-label" style={{ display: 'flex', gap: '.5rem', alignItems: 'center', flexWrap: 'wrap' }}>
      <label id="roster-add-label" htmlFor="roster-add-email">Agregar a una persona por su correo:</label>
      <input
        id="roster-add-email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return
          e.preventDefault()
          void add()
        }}
      />
      <button type="button" className="btn btn--style-primary btn--size-small" onClick={add}>Inscribir</button>
      {failure && <span role="alert">{failure}</span>}
    </div>
  )
}
