import type { CollectionConfig } from 'payload'

import { isEditor, isStaff, publishedOnly } from '../access'
import { applyEndpoint } from '../Applications/apply'
import { applicationsCsvEndpoint } from '../Applications/export'
import { rankingEndpoint } from '../Applications/ranking'
import { publishResultsEndpoint } from '../Applications/results'
import { editorialVersions } from '../editorial'
import { previewUrl } from '../preview'
import { ageRangeField } from '../fields/age-range'
import { coverField, organizationField, pillarsField, summaryField, titleField } from '../fields/content'
import { seoField } from '../fields/seo'
import { slugField } from '../fields/slug'
import { windowField } from '../fields/window'
import { questionsField } from './questions'
import { resultFields, reviewFields, reviewToolsField } from './review-fields'

export const CALL_KINDS = [
  { label: 'Beca', value: 'scholarship' },
  { label: 'Concurso', value: 'contest' },
  { label: 'Premio', value: 'award' },
  { label: 'Voluntariado', value: 'volunteering' },
  { label: 'Empleo', value: 'employment' },
  { label: 'Apoyo', value: 'support' },
  { label: 'Otro', value: 'other' },
]

/** Convocatorias. Reviewers read them (drafts included); editors write them. */
export const Calls: CollectionConfig = {
  slug: 'calls',
  custom: { publishedOnSite: true }, // a change rebuilds the public site (publishing/)
  labels: { singular: 'Convocatoria', plural: 'Convocatorias' },
  admin: {
    group: 'Programas',
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', '_status', 'window.opens', 'window.closes', 'organization'],
    listSearchableFields: ['title', 'summary', 'slug'],
    preview: previewUrl('calls'),
  },
  defaultSort: '-createdAt',
  versions: editorialVersions,
  access: {
    read: publishedOnly,
    readVersions: isStaff,
    create: isEditor,
    update: isEditor,
    delete: isEditor,
  },
  endpoints: [applyEndpoint, rankingEndpoint, publishResultsEndpoint, applicationsCsvEndpoint],
  fields: [
    { name: 'kind', type: 'select', label: 'Tipo', required: true, defaultValue: 'scholarship', options: CALL_KINDS },
    titleField(),
    slugField(),
    summaryField(),
    coverField(),
    { name: 'body', type: 'richText', label: 'Bases' },
    pillarsField(),
    organizationField(),
    windowField({ name: 'window', label: 'Periodo para postularse', opensLabel: 'Abre', closesLabel: 'Cierra' }),
    {
      name: 'eligibility',
      type: 'group',
      label: 'Quién puede participar',
      fields: [
        ageRangeField(),
        {
          name: 'mustLiveInMunicipality',
          type: 'checkbox',
          label: 'Debe vivir en el municipio de León',
          defaultValue: true,
        },
        { name: 'otherRequirements', type: 'textarea', label: 'Otros requisitos', maxLength: 3000 },
      ],
    },
    { name: 'benefits', type: 'textarea', label: 'Beneficios', maxLength: 3000 },
    {
      name: 'requiredDocuments',
      type: 'array',
      label: 'Documentos que se piden',
      labels: { singular: 'Documento', plural: 'Documentos' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', label: 'Nombre', required: true, maxLength: 120 },
            { name: 'required', type: 'checkbox', label: 'Obligatorio', defaultValue: true },
          ],
        },
        { name: 'description', type: 'textarea', label: 'Descripción', maxLength: 500 },
      ],
    },
    questionsField(),
    { name: 'basesDocument', type: 'upload', relationTo: 'documents', label: 'Bases en PDF' },
    reviewToolsField,
    reviewFields,
    resultFields,
    seoField(),
  ],
}
