/** The six pillars of the "El Viaje del Joven" model: fixed slugs, seeded once. */
export const PILLARS = [
  {
    slug: 'participacion-social',
    name: 'Participación Social y Agente de Cambio',
    color: '#7c3aed',
    icon: 'megaphone',
    description: 'Voluntariado, liderazgo y proyectos que transforman tu colonia y tu ciudad.',
  },
  {
    slug: 'educacion-formacion',
    name: 'Educación y Formación Integral',
    color: '#2563eb',
    icon: 'book',
    description: 'Cursos, talleres y becas para seguir aprendiendo dentro y fuera de la escuela.',
  },
  {
    slug: 'empleo-emprendimiento',
    name: 'Empleo Juvenil y Emprendimiento',
    color: '#059669',
    icon: 'briefcase',
    description: 'Tu primer empleo, prácticas profesionales y apoyo para emprender tu negocio.',
  },
  {
    slug: 'salud-bienestar',
    name: 'Salud y Bienestar',
    color: '#db2777',
    icon: 'heart',
    description: 'Salud física, mental, sexual y emocional, con orientación confidencial.',
  },
  {
    slug: 'cultura-deporte-recreacion',
    name: 'Cultura, Deporte y Recreación',
    color: '#ea580c',
    icon: 'music',
    description: 'Arte, música, deporte y espacios para convivir y expresarte.',
  },
  {
    slug: 'prevencion-violencia',
    name: 'Prevención de la Violencia',
    color: '#b91c1c',
    icon: 'shield',
    description: 'Entornos seguros, resolución de conflictos y acompañamiento cuando lo necesitas.',
  },
] as const
