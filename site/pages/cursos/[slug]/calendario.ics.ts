import type { APIRoute, GetStaticPaths } from 'astro'

import { courseCalendar } from '../../../lib/calendar'
import { listCourses, type Course } from '../../../lib/data'
import { urls } from '../../../lib/urls'

export const getStaticPaths = (async () =>
  (await listCourses())
    .filter((course) => course.sessions?.length)
    .map((course) => ({ params: { slug: course.slug! }, props: { course } }))) satisfies GetStaticPaths

export const GET: APIRoute<{ course: Course }> = ({ props, site }) =>
  new Response(courseCalendar(props.course, new URL(urls.course(props.course.slug!), site).toString()), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  })
