/**
 * One drawing per pillar (24×24, stroked with the text colour), keyed by the pillars' fixed slugs.
 * Inline SVG: no request, no icon font, crisp at any size, and it takes the pillar's colour.
 */
const ICONS: Record<string, string> = {
  // A megaphone: raising your voice, taking part.
  'participacion-social': '<path d="M3 10v4a1 1 0 0 0 1 1h3l7 4V5L7 9H4a1 1 0 0 0-1 1z"/><path d="M17.5 9a4 4 0 0 1 0 6"/><path d="M7 15l1.5 5h2.5l-1-4.4"/>',
  // An open book.
  'educacion-formacion': '<path d="M2 5h6a4 4 0 0 1 4 4v11a3 3 0 0 0-3-3H2z"/><path d="M22 5h-6a4 4 0 0 0-4 4v11a3 3 0 0 1 3-3h7z"/>',
  // A briefcase.
  'empleo-emprendimiento': '<rect x="3" y="7" width="18" height="13" rx="2"/><path d="M9 7V5a2 2 0 0 1 2-2h2a2 2 0 0 1 2 2v2"/><path d="M3 13h18"/>',
  // A heart with a pulse.
  'salud-bienestar': '<path d="M12 20C6.5 16.2 3 13 3 8.8A4.6 4.6 0 0 1 12 7a4.6 4.6 0 0 1 9 1.8C21 13 17.5 16.2 12 20z"/><path d="M6 12h3l1.5-2.5 2 5L14 12h4"/>',
  // A music note and a ball: culture, sport and free time.
  'cultura-deporte-recreacion': '<path d="M8 17V5l9-2v6"/><circle cx="5.5" cy="17" r="2.5"/><circle cx="16.5" cy="16.5" r="4.5"/><path d="M12 16.5h9M16.5 12c1.6 1.5 1.6 7.5 0 9"/>',
  // A shield with a check.
  'prevencion-violencia': '<path d="M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>',
}

/** A compass: any pillar added later under a new slug. */
const FALLBACK = '<circle cx="12" cy="12" r="9"/><path d="M15.5 8.5l-2 5-5 2 2-5z"/>'

export const pillarIcon = (slug: string | null | undefined): string => ICONS[slug ?? ''] ?? FALLBACK
