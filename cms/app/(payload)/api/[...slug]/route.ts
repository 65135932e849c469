/* Payload's blank-template boilerplate: the REST API, with every error in our one shape (lib/api-errors.ts). */
import config from '@payload-config'
import '@payloadcms/next/css'
import {
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'

import { headFromGet, withPublicErrors } from '../../../../../lib/api-errors'

export const GET = withPublicErrors(REST_GET(config), config)
export const HEAD = headFromGet(GET)
export const POST = withPublicErrors(REST_POST(config), config)
export const DELETE = withPublicErrors(REST_DELETE(config), config)
export const PATCH = withPublicErrors(REST_PATCH(config), config)
export const PUT = withPublicErrors(REST_PUT(config), config)
export const OPTIONS = REST_OPTIONS(config)
