import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminField, isAdminOrSelf, isStaff } from '../access'
import { requireLongPassword } from './hooks/password-length'

/** Staff accounts: the only people who may open /admin. */
export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: 'Persona del equipo', plural: 'Equipo' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'roles', 'organization'],
    group: 'Personas',
  },
  auth: {
    // Payload's lockout let anyone lock any account from anywhere; failures are throttled per
    // account and address instead (lib/login-throttle.ts).
    maxLoginAttempts: 0,
    tokenExpiration: 8 * 60 * 60,
  },
  access: {
    admin: ({ req }) => Boolean(isStaff({ req } as never)),
    create: isAdmin,
    read: isStaff,
    update: isAdminOrSelf,
    delete: isAdmin,
    unlock: isAdmin,
  },
  hooks: { beforeValidate: [requireLongPassword] },
  fields: [
    { name: 'name', type: 'text', label: 'Nombre', required: true, maxLength: 120 },
    {
      name: 'roles',
      type: 'select',
      label: 'Roles',
      hasMany: true,
      required: true,
      defaultValue: ['editor'],
      saveToJWT: true,
      access: { create: isAdminField, update: isAdminField },
      options: [
        { label: 'Administración', value: 'admin' },
        { label: 'Comunicación (edición)', value: 'editor' },
        { label: 'Coordinación de cursos', value: 'coordinator' },
        { label: 'Revisión de convocatorias', value: 'reviewer' },
      ],
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      label: 'Organización',
      access: { create: isAdminField, update: isAdminField },
      admin: {
        position: 'sidebar',
        description: 'Opcional. Quien coordina para una organización solo edita los cursos de esa organización.',
      },
    },
  ],
}
