'use client'
import { useConfig, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React from 'react'

import { formatInLeon } from './LeonDate'

/**
 * «Última modificación» and «Creado» of the document's controls bar in León time. Payload writes
 * them in the computer's zone; its own two entries are hidden and these take their place.
 */
export function LeonDocumentDates() {
  const { data } = useDocumentInfo()
  const { config } = useConfig()
  const { i18n } = useTranslation()
  const pattern = config.admin.dateFormat
  const updatedAt = data?.updatedAt as string | undefined
  const createdAt = data?.createdAt as string | undefined
  if (!updatedAt && !createdAt) return null
  return (
    <>
      <style>{'.doc-controls__value-wrap { display: none !important; } .leon-doc-dates { display: flex; flex-wrap: wrap; gap: 0 1rem; margin: 0; padding: 0; list-style: none; color: var(--theme-elevation-500); }'}</style>
      <ul className="leon-doc-dates">
        {updatedAt && <li className="leon-doc-dates__updated">{i18n.t('general:lastModified')}: {formatInLeon(updatedAt, pattern)}</li>}
        {createdAt && <li className="leon-doc-dates__created">{i18n.t('general:created')}: {formatInLeon(createdAt, pattern)}</li>}
      </ul>
    </>
  )
}
