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

import { withPublicErrors } from '../../../../../lib/api-errors'

export const GET = withPublicErrors(REST_GET(config))
export const POST = withPublicErrors(REST_POST(config))
export const DELETE = withPublicErrors(REST_DELETE(config))
export const PATCH = withPublicErrors(REST_PATCH(config))
export const PUT = withPublicErrors(REST_PUT(config))
export const OPTIONS = REST_OPTIONS(config)
