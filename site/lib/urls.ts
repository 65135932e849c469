/** Every public URL of the site in one place (Spanish, trailing slash), so links and routes agree. */
export const urls = {
  home: '/',
  newsIndex: '/noticias/',
  news: (slug: string) => `/noticias/${slug}/`,
  newsPage: (page: number, pillar?: string) =>
    `/noticias/${pillar ? `pilar/${pillar}/` : ''}${page > 1 ? `pagina/${page}/` : ''}`,
  coursesIndex: '/cursos/',
  course: (slug: string) => `/cursos/${slug}/`,
  courseCalendar: (slug: string) => `/cursos/${slug}/calendario.ics`,
  callsIndex: '/convocatorias/',
  call: (slug: string) => `/convocatorias/${slug}/`,
  /** On demand: the apply form of a call (works without JavaScript). */
  callApply: (slug: string) => `/convocatorias/${slug}/postular`,
  pillarsIndex: '/pilares/',
  pillar: (slug: string) => `/pilares/${slug}/`,
  organizationsIndex: '/organizaciones/',
  organization: (slug: string) => `/organizaciones/${slug}/`,
  search: '/buscar/',
  privacy: '/aviso-de-privacidad/',
  accessibility: '/accesibilidad/',
  socialImage: (name: string) => `/og/${name}.png`,
  openStreetMap: (lat: number, lng: number) => `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`,
}
