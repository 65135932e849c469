'use client'

import { Button, useAuth, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

type Staff = { roles?: string[] }

/**
 * The call's review tools in the admin: its applications ranked by average score, the CSV download
 * and publishing the results. Everything here goes through the access-checked endpoints.
 */
export function ReviewTools() {
  const { id } = useDocumentInfo()
  const { user } = useAuth<Staff>()
  const {
    config: {
      routes: { admin, api },
    },
  } = useConfig()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return <p>Guarda la convocatoria para revisar sus postulaciones.</p>

  const canPublish = Boolean(user?.roles?.some((role) => role === 'admin' || role === 'editor'))
  const ranked = `${admin}/collections/applications?where[call][equals]=${id}&sort=-averageScore`

  async function publish() {
    if (!window.confirm('¿Publicar los resultados? La lista (por folio, con nombre solo de quien lo autorizó) aparecerá en la página de la convocatoria y se avisará por correo a quien ya tenga una decisión.')) return
    setBusy(true)
    try {
      const response = await fetch(`${api}/calls/${id}/publish-results`, { method: 'POST', credentials: 'include' })
      const body = await response.json().catch(() => null)
      setMessage(
        response.ok
          ? `Resultados publicados: ${body.accepted} aceptadas y ${body.waitlisted} en lista de espera. La página se actualizará en unos momentos.`
          : (body?.errors?.[0]?.message ?? 'No se pudieron publicar los resultados.'),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'center', margin: '1rem 0' }}>
      <a href={ranked}>Ver postulaciones por puntaje</a>
      <a href={`${api}/calls/${id}/applications.csv`} download>
        Descargar CSV
      </a>
      {canPublish && (
        <Button buttonStyle="secondary" disabled={busy} onClick={publish} margin={false}>
          Publicar resultados
        </Button>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  )
}
