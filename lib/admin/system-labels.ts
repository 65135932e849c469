import type { Field, SanitizedConfig } from 'payload'

/**
 * Spanish names for what Payload adds on its own and leaves unlabelled or in English: its own
 * collections (jobs, edit locks, preferences, migrations, key-value store), the session list of the
 * login collections, and any field Payload labelled from its raw name («Task Status», «Wait Until»).
 * Set on the sanitized config (payload.config.ts): these fields exist only once Payload sanitized it.
 */
const COLLECTION_LABELS: Record<string, { singular: string; plural: string }> = {
  'payload-jobs': { singular: 'Tarea programada', plural: 'Tareas programadas' },
  'payload-locked-documents': { singular: 'Documento en edición', plural: 'Documentos en edición' },
  'payload-preferences': { singular: 'Preferencia del panel', plural: 'Preferencias del panel' },
  'payload-migrations': { singular: 'Migración', plural: 'Migraciones' },
  'payload-kv': { singular: 'Dato interno', plural: 'Datos internos' },
}
const GLOBAL_LABELS: Record<string, string> = { 'payload-jobs-stats': 'Estadísticas de tareas' }

/** By field name, wherever Payload left the name as the label. */
const FIELD_LABELS: Record<string, string> = {
  id: 'ID',
  input: 'Datos de entrada',
  output: 'Resultado',
  taskStatus: 'Estado de las tareas',
  completedAt: 'Terminada el',
  totalTried: 'Intentos',
  hasError: 'Con error',
  error: 'Error',
  log: 'Registro',
  executedAt: 'Ejecutada el',
  taskSlug: 'Tarea',
  taskID: 'Identificador de la tarea',
  state: 'Estado',
  queue: 'Cola',
  waitUntil: 'Esperar hasta',
  processing: 'En proceso',
  concurrencyKey: 'Clave de concurrencia',
  workflowSlug: 'Flujo',
  meta: 'Metadatos',
  document: 'Documento',
  globalSlug: 'Sección global',
  user: 'Persona usuaria',
  key: 'Clave',
  value: 'Valor',
  data: 'Datos',
  name: 'Nombre',
  batch: 'Lote',
  stats: 'Estadísticas',
  sessions: 'Sesiones abiertas',
  createdAt: 'Creado el',
  updatedAt: 'Actualizado el',
  expiresAt: 'Vence el',
  // Upload fields Payload labels in English whatever the language, and the image sizes (by their names).
  mimeType: 'Tipo de archivo',
  thumbnailURL: 'URL de la miniatura',
  card: 'Tarjeta',
  hero: 'Portada',
  social: 'Redes sociales',
}

/** «taskStatus» → «Task Status»: how Payload labels a field from its name (payload/shared toWords). */
const wordsOf = (name: string) =>
  name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/\b\w/g, (c) => c.toUpperCase())
    .replace(/([A-Za-z])(?=[A-Z]\b)/g, '$1 ')
    .trim()

const squash = (text: string) => text.replace(/\s/g, '').toLowerCase()

type Labelled = { name?: string; label?: unknown; type: string; fields?: Field[]; tabs?: { fields: Field[] }[]; blocks?: (string | { fields: Field[] })[] }

const isRawLabel = (field: Labelled) =>
  field.label === undefined || (typeof field.label === 'string' && field.name !== undefined && (field.label === field.name || squash(field.label) === squash(wordsOf(field.name))))

function labelFields(fields: Field[]): void {
  for (const raw of fields) {
    const field = raw as Labelled
    if (field.name && isRawLabel(field) && FIELD_LABELS[field.name] && field.label !== false) field.label = FIELD_LABELS[field.name]
    if (field.fields) labelFields(field.fields)
    for (const tab of field.tabs ?? []) labelFields(tab.fields)
    for (const block of field.blocks ?? []) if (typeof block === 'object') labelFields(block.fields)
  }
}

export function spanishSystemLabels(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    const labels = COLLECTION_LABELS[collection.slug]
    if (labels) collection.labels = labels
    labelFields(collection.fields)
  }
  for (const global of config.globals) {
    if (GLOBAL_LABELS[global.slug]) global.label = GLOBAL_LABELS[global.slug]
    labelFields(global.fields)
  }
  return config
}
