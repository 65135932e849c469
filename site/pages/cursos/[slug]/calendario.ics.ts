import type { APIRoute, GetStaticPaths } from 'astro'

import { courseCalendar } from '../../../../lib/course-calendar'
import { listCourses, withOwnPage, type Course } from '../../../lib/data'
import { urls } from '../../../lib/urls'

export const getStaticPaths = (async () =>
  withOwnPage('courses', await listCourses())
    .filter((course) => course.sessions?.length)
    .map((course) => ({ params: { slug: course.slug! }, props: { course } }))) satisfies GetStaticPaths

// Only courses with sessions get a path above, so the calendar is never empty here.
export const GET: APIRoute<{ course: Course }> = ({ props, site }) =>
  new Response(courseCalendar(props.course, new URL(urls.course(props.course.slug!), site).toString())!, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  })
