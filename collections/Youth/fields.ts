import type { Field, FieldAccess } from 'payload'

import { isStaffField, isYouthManagerField, staffOf, youthOrAdminField } from '../access'
import { birthDateRule, curpRule, emailRule, guardianRule, privacyVersionRule, textRule } from './rules'

const nobody: FieldAccess = () => false
/** A youth may add a CURP once; correcting it afterwards is an ARCO rectification done by staff. */
const curpUpdatable: FieldAccess = ({ req, doc }) => Boolean(staffOf(req.user)) || !doc?.curp
/** A minor may fix the guardian's address until consent is given; after that only staff change it. */
const guardianUpdatable: FieldAccess = ({ req, doc }) =>
  Boolean(staffOf(req.user)) || doc?.guardianConsent?.status !== 'given'

export const GENDERS = [
  { label: 'Mujer', value: 'mujer' },
  { label: 'Hombre', value: 'hombre' },
  { label: 'No binario', value: 'no-binario' },
  { label: 'Otro', value: 'otro' },
  { label: 'Prefiero no decir', value: 'prefiero-no-decir' },
]

export const HOW_HEARD = [
  { label: 'Redes sociales', value: 'redes-sociales' },
  { label: 'Mi escuela', value: 'escuela' },
  { label: 'Amistades o familia', value: 'amistades-familia' },
  { label: 'Un evento del Instituto', value: 'evento' },
  { label: 'Sitio web', value: 'sitio-web' },
  { label: 'Otro', value: 'otro' },
]

export const CONSENT_EVENTS = [
  { label: 'Aceptó el aviso de privacidad', value: 'privacy-accepted' },
  { label: 'Se envió el enlace de autorización a la persona tutora', value: 'guardian-link-sent' },
  { label: 'Autorización de la persona tutora (correo)', value: 'guardian-consent-email' },
  { label: 'Autorización de la persona tutora (papel)', value: 'guardian-consent-paper' },
  { label: 'Cambió su correo (volver a confirmar)', value: 'email-changed' },
  { label: 'Solicitud ARCO', value: 'arco-request' },
  { label: 'Exportó sus datos', value: 'data-exported' },
  { label: 'Cuenta eliminada (datos anonimizados)', value: 'anonymized' },
]

export const youthFields: Field[] = [
  // Our own verification flag (the collection has no `auth.verify`, which would refuse unverified
  // logins): only staff who manage youths set it by hand; a person confirms through the emailed link.
  {
    name: '_verified',
    type: 'checkbox',
    label: 'Correo confirmado',
    access: { create: isYouthManagerField, update: isYouthManagerField },
    admin: { position: 'sidebar' },
  },
  // The verification link's token, stored only as a SHA-256 hash; never readable through the API.
  { name: 'emailTokenHash', type: 'text', hidden: true, index: true, access: { create: nobody, update: nobody } },
  { name: 'emailTokenExpiresAt', type: 'date', hidden: true, access: { create: nobody, update: nobody } },
  { name: 'email', type: 'email', label: 'Correo electrónico', validate: emailRule },
  {
    type: 'row',
    fields: [
      { name: 'givenNames', type: 'text', label: 'Nombre(s)', required: true, validate: textRule({ max: 80, required: true, name: true }) },
      { name: 'surnames', type: 'text', label: 'Apellidos', required: true, validate: textRule({ max: 80, required: true, name: true }) },
    ],
  },
  {
    name: 'fullName',
    type: 'text',
    label: 'Nombre completo',
    admin: { readOnly: true, hidden: true },
    access: { create: nobody, update: nobody },
  },
  {
    name: 'birthDate',
    type: 'date',
    label: 'Fecha de nacimiento',
    required: true,
    validate: birthDateRule,
    access: { update: isStaffField },
    admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' } },
  },
  {
    type: 'row',
    fields: [
      { name: 'municipality', type: 'text', label: 'Municipio', required: true, defaultValue: 'León', validate: textRule({ max: 80, required: true }) },
      { name: 'colonia', type: 'text', label: 'Colonia', required: true, validate: textRule({ max: 120, required: true }) },
    ],
  },
  {
    name: 'curp',
    type: 'text',
    label: 'CURP',
    unique: true,
    index: true,
    validate: curpRule,
    access: { read: youthOrAdminField, update: curpUpdatable },
    admin: { description: 'Opcional. Se valida el formato, el dígito verificador y que coincida con la fecha de nacimiento.' },
  },
  { name: 'gender', type: 'select', label: 'Género', options: GENDERS, access: { read: youthOrAdminField } },
  { name: 'occupation', type: 'text', label: 'Escuela u ocupación', validate: textRule({ max: 120 }), access: { read: youthOrAdminField } },
  { name: 'interests', type: 'relationship', label: 'Intereses (pilares)', relationTo: 'pillars', hasMany: true, access: { read: youthOrAdminField } },
  { name: 'howHeard', type: 'select', label: '¿Cómo te enteraste de nosotros?', options: HOW_HEARD, access: { read: youthOrAdminField } },
  {
    name: 'notifications',
    type: 'group',
    label: 'Avisos por correo',
    access: { read: youthOrAdminField },
    fields: [
      // Opt-in: nobody gets the digest without asking for it (lib/journey/digest.ts; one-click unsubscribe).
      { name: 'weeklyDigest', type: 'checkbox', label: 'Quiero recibir cada semana un correo con cursos y convocatorias para mí', defaultValue: false },
      { name: 'digestSentAt', type: 'date', label: 'Último resumen enviado', access: { create: nobody, update: nobody }, admin: { readOnly: true } },
    ],
  },
  {
    name: 'privacy',
    type: 'group',
    label: 'Aviso de privacidad aceptado',
    access: { read: youthOrAdminField },
    fields: [
      { name: 'version', type: 'text', label: 'Versión aceptada', maxLength: 20, validate: privacyVersionRule },
      { name: 'acceptedAt', type: 'date', label: 'Aceptado el', access: { create: nobody, update: nobody }, admin: { readOnly: true } },
    ],
  },
  {
    name: 'guardian',
    type: 'group',
    label: 'Madre, padre o tutor(a) (obligatorio para menores de 18)',
    access: { update: guardianUpdatable },
    fields: [
      { name: 'name', type: 'text', label: 'Nombre de la persona tutora', validate: guardianRule('name') },
      { name: 'email', type: 'email', label: 'Correo de la persona tutora', validate: guardianRule('email') },
    ],
  },
  {
    name: 'guardianConsent',
    type: 'group',
    label: 'Autorización de la persona tutora',
    access: { create: nobody, update: isYouthManagerField },
    admin: { description: 'Si la autorización se entregó en papel, elige "Otorgada" y el medio "Papel": se registra quién y cuándo.' },
    fields: [
      {
        name: 'status',
        type: 'select',
        label: 'Estado',
        options: [
          { label: 'No aplica (mayor de edad)', value: 'not-required' },
          { label: 'Pendiente', value: 'pending' },
          { label: 'Otorgada', value: 'given' },
        ],
      },
      {
        name: 'method',
        type: 'select',
        label: 'Medio',
        options: [
          { label: 'Correo (enlace)', value: 'email' },
          { label: 'Papel', value: 'papel' },
        ],
      },
      { name: 'givenAt', type: 'date', label: 'Otorgada el', admin: { readOnly: true } },
      { name: 'recordedBy', type: 'relationship', label: 'Registrada por', relationTo: 'users', admin: { readOnly: true } },
    ],
  },
  // The guardian link's token, stored only as a SHA-256 hash; never readable through the API.
  { name: 'guardianTokenHash', type: 'text', hidden: true, index: true, access: { create: nobody, update: nobody } },
  { name: 'guardianTokenExpiresAt', type: 'date', hidden: true, access: { create: nobody, update: nobody } },
  {
    name: 'consentLog',
    type: 'array',
    label: 'Registro de consentimientos y solicitudes',
    access: { read: youthOrAdminField, create: nobody, update: nobody },
    admin: { readOnly: true, initCollapsed: true },
    fields: [
      { name: 'event', type: 'select', label: 'Evento', options: CONSENT_EVENTS, required: true },
      { name: 'at', type: 'date', label: 'Fecha', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
      { name: 'by', type: 'text', label: 'Por' },
      { name: 'detail', type: 'text', label: 'Detalle' },
    ],
  },
  { name: 'arcoRequests', type: 'join', label: 'Solicitudes ARCO', collection: 'arco-requests', on: 'youth', access: { read: isYouthManagerField } },
  {
    name: 'anonymizedAt',
    type: 'date',
    label: 'Cuenta eliminada el',
    access: { create: nobody, update: nobody },
    admin: { readOnly: true, position: 'sidebar', condition: (data) => Boolean(data?.anonymizedAt) },
  },
]
