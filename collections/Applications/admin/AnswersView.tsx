import type { UIFieldServerProps } from 'payload'
import React from 'react'

import type { StoredAnswer } from '../validate-answers'

type Attached = { id: number; requirement?: string | null; requirementName?: string | null; filename?: string | null; filesize?: number | null; url?: string | null }

// Date answers are calendar days («2024-08-19»): read at noon UTC, the same day everywhere.
const day = new Intl.DateTimeFormat('es-MX', { timeZone: 'UTC', dateStyle: 'long' })
const size = (bytes?: number | null) => (bytes ? `${(bytes / 1024 / 1024).toLocaleString('es-MX', { maximumFractionDigits: 1 })} MB` : '')

/** One answer as a person reads it: lists joined, dates in Spanish, numbers as written in Mexico. */
function answerText(answer: StoredAnswer): string {
  const { value, type } = answer
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return 'Sin respuesta'
  if (Array.isArray(value)) return value.join(', ')
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return day.format(new Date(`${value.slice(0, 10)}T12:00:00Z`))
  if (typeof value === 'number') return value.toLocaleString('es-MX')
  return String(value)
}

function FileLink({ file }: { file: Attached }) {
  return (
    <>
      {file.url ? <a href={file.url} target="_blank" rel="noopener">{file.requirementName || 'Documento'}</a> : (file.requirementName || 'Documento')}{' '}
      <small style={{ color: 'var(--theme-elevation-500)' }}>({[file.filename, size(file.filesize)].filter(Boolean).join(', ')})</small>
    </>
  )
}

/**
 * The application's answers and documents for reviewers (a `ui` field, server component): each
 * question with its answer, and each file by the requirement it answers (its stored name, random on
 * purpose, second). Replaces the raw JSON editor, which loaded its code from a public CDN (blocked
 * on the institute's network, and no part of the admin may depend on another host).
 */
export async function AnswersView({ id, req }: UIFieldServerProps) {
  if (!id) return null
  const application = await req.payload
    .findByID({ collection: 'applications', id, depth: 1, select: { answers: true, documents: true }, user: req.user, overrideAccess: false, req })
    .catch(() => null)
  if (!application) return null
  const answers = (Array.isArray(application.answers) ? application.answers : []) as StoredAnswer[]
  const files = ((application.documents ?? []) as (Attached | number)[]).filter((d): d is Attached => typeof d === 'object' && d !== null)
  const fileOf = (answer: StoredAnswer) => files.find((f) => f.id === answer.value)
  return (
    <section className="application-answers" aria-labelledby="application-answers-title" style={{ marginBlock: '1.5rem' }}>
      <h3 id="application-answers-title">Respuestas</h3>
      {answers.length ? (
        <dl style={{ display: 'grid', gap: '.25rem 1rem', marginBlock: '.75rem' }}>
          {answers.map((answer) => (
            <div key={answer.question} style={{ paddingBlock: '.4rem', borderBottom: '1px solid var(--theme-elevation-100)' }}>
              <dt style={{ fontWeight: 600 }}>{answer.label}</dt>
              <dd style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {answer.type === 'file' && fileOf(answer) ? <FileLink file={fileOf(answer)!} /> : answerText(answer)}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>La persona todavía no ha respondido.</p>
      )}
      <h3 id="application-documents-title">Documentos</h3>
      {files.length ? (
        <ul aria-labelledby="application-documents-title" style={{ paddingInlineStart: '1.2rem' }}>
          {files.map((file) => <li key={file.id}><FileLink file={file} /></li>)}
        </ul>
      ) : (
        <p>Sin documentos adjuntos.</p>
      )}
    </section>
  )
}
