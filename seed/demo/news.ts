import type { DemoNews } from './types'

export const DEMO_NEWS: DemoNews[] = [
  {
    title: 'Arranca la temporada de talleres de verano en las Casas de la Juventud',
    summary: 'Más de 40 talleres gratuitos de arte, tecnología y deporte en cinco sedes de la ciudad.',
    body: [
      'Este lunes abrieron las inscripciones para los talleres de verano en las Casas de la Juventud de León I, San Juan de Abajo, Las Joyas, Valle de Señora y el Centro.',
      'Los talleres son gratuitos para jóvenes de 12 a 29 años y se imparten por la tarde para que puedan combinarse con la escuela o el trabajo.',
    ],
    pillars: ['cultura-deporte-recreacion', 'educacion-formacion'],
    organization: 'imju',
    daysAgo: 1,
  },
  {
    title: 'Jóvenes de Las Joyas reforestan el Parque Lineal del Río de los Gómez',
    summary: 'Ciento veinte voluntarias y voluntarios plantaron 600 árboles nativos en una sola mañana.',
    body: [
      'La brigada, organizada con la Red Juvenil de Voluntariado, reunió a estudiantes de secundaria y preparatoria de la zona poniente.',
      'Cada participante recibió una constancia de horas de servicio social comunitario.',
    ],
    pillars: ['participacion-social'],
    organization: 'red-voluntariado',
    daysAgo: 3,
  },
  {
    title: 'Feria del Primer Empleo reúne 35 empresas leonesas',
    summary: 'Vacantes para bachillerato, carreras técnicas y universitarias, sin experiencia previa.',
    body: [
      'La feria se realizará en el Poliforum León con empresas del calzado, la proveeduría automotriz, los servicios y el comercio.',
      'Lleva tu CV impreso o regístrate antes en la plataforma para recibir la lista de vacantes.',
    ],
    pillars: ['empleo-emprendimiento'],
    organization: 'economia',
    daysAgo: 4,
  },
  {
    title: 'Línea de escucha juvenil amplía su horario a las noches',
    summary: 'Orientación psicológica gratuita y confidencial de 8 de la mañana a 11 de la noche.',
    body: [
      'Personal de psicología atiende por teléfono y chat a jóvenes que atraviesan ansiedad, duelo o conflictos familiares.',
      'La atención es gratuita y confidencial; en caso de emergencia, llama al 911.',
    ],
    pillars: ['salud-bienestar'],
    organization: 'imju',
    daysAgo: 6,
  },
  {
    title: 'Resultados del Torneo Intercolonias de Futbol Rápido',
    summary: 'Barrio Arriba y Jardines de San Juan se llevan los títulos varonil y femenil.',
    body: [
      'Participaron 64 equipos de 40 colonias durante ocho semanas de torneo en unidades deportivas municipales.',
      'La premiación incluyó uniformes, balones y becas para escuelas deportivas municipales.',
    ],
    pillars: ['cultura-deporte-recreacion'],
    organization: 'deporte',
    daysAgo: 8,
  },
  {
    title: 'Mediación entre pares llega a 20 secundarias de León',
    summary: 'Estudiantes se capacitan para ayudar a resolver conflictos escolares sin violencia.',
    body: [
      'El programa forma a mediadoras y mediadores escolares que acompañan a sus compañeros en la resolución pacífica de conflictos.',
      'Las escuelas participantes reportan menos reportes disciplinarios desde el primer semestre.',
    ],
    pillars: ['prevencion-violencia', 'participacion-social'],
    organization: 'imju',
    daysAgo: 10,
  },
  {
    title: 'Becas de transporte para estudiantes: cómo solicitar la tuya',
    summary: 'Te explicamos los requisitos y las fechas de la convocatoria de este semestre.',
    body: [
      'La beca cubre el costo del transporte público urbano durante el semestre para estudiantes de bachillerato y universidad.',
      'Consulta la convocatoria completa en la sección de Convocatorias y prepara tu comprobante de estudios.',
    ],
    pillars: ['educacion-formacion'],
    organization: 'imju',
    daysAgo: 12,
  },
  {
    title: 'Emprendedores jóvenes venden sus productos en el Mercado Joven del Centro',
    summary: 'Treinta proyectos de diseño, alimentos y calzado artesanal se presentaron al público.',
    body: [
      'El Mercado Joven se instala el último domingo de cada mes en la Plaza Fundadores.',
      'Si tienes un emprendimiento, puedes solicitar un espacio sin costo.',
    ],
    pillars: ['empleo-emprendimiento', 'cultura-deporte-recreacion'],
    organization: 'economia',
    daysAgo: 15,
  },
  {
    title: 'Jornada de salud sexual y reproductiva en preparatorias',
    summary: 'Pláticas, pruebas rápidas gratuitas y orientación con personal de salud.',
    body: [
      'Las jornadas recorren preparatorias públicas y privadas del municipio durante todo el mes.',
      'La información y las pruebas son confidenciales.',
    ],
    pillars: ['salud-bienestar'],
    organization: 'imju',
    daysAgo: 18,
  },
  {
    title: 'Convocatoria abierta para el Consejo Juvenil Municipal',
    summary: 'Buscamos 15 jóvenes que representen a sus colonias y propongan proyectos a la ciudad.',
    body: [
      'El Consejo Juvenil sesiona una vez al mes y presenta propuestas al Ayuntamiento.',
      'Pueden participar jóvenes de 15 a 29 años que vivan en León.',
    ],
    pillars: ['participacion-social'],
    organization: 'imju',
    daysAgo: 21,
  },
  {
    title: 'Estudiantes del bachillerato tecnológico ganan concurso estatal de robótica',
    summary: 'Su robot clasificador de residuos obtuvo el primer lugar en la categoría juvenil.',
    body: [
      'El equipo de cinco estudiantes diseñó el prototipo en el taller de electrónica de su escuela.',
      'Representarán a Guanajuato en la competencia nacional.',
    ],
    pillars: ['educacion-formacion'],
    organization: 'tecnologico',
    daysAgo: 25,
  },
  {
    title: 'Caminos Seguros: jóvenes mapean rutas iluminadas en su colonia',
    summary: 'Con sus teléfonos, 80 jóvenes identificaron calles oscuras y puntos de riesgo en León I.',
    body: [
      'El mapa se entregó a las áreas de alumbrado y seguridad del municipio para priorizar mejoras.',
      'El ejercicio se repetirá en Valle de Señora y San Juan de Abajo.',
    ],
    pillars: ['prevencion-violencia'],
    organization: 'red-voluntariado',
    daysAgo: 30,
  },
]
