import type http from 'node:http'

/**
 * Request bodies are refused by their declared size before anyone reads them: a 1 MB cap for JSON,
 * forms and anything else, a larger one for multipart uploads (several documents of an
 * application, a staff image). A body without a declared length (chunked) could not be capped
 * this way, so it is refused too: browsers and the usual clients always send Content-Length.
 * Payload's own upload limit (`upload.limits.fileSize`, per file) still applies behind this.
 */

export type BodyLimits = { jsonBytes: number; multipartBytes: number }

const MB = 1024 * 1024

export function bodyLimits(env: { maxUploadMb: number; maxMediaMb: number }): BodyLimits {
  // An application carries up to ten documents of MAX_UPLOAD_MB; a staff upload one of MAX_MEDIA_MB.
  return { jsonBytes: MB, multipartBytes: Math.ceil(Math.max(env.maxMediaMb, 10 * env.maxUploadMb) * MB + MB) }
}

type Refusal = { status: 411 | 413; message: string }

export function bodyRefusal(req: http.IncomingMessage, limits: BodyLimits): Refusal | undefined {
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined
  const declared = req.headers['content-length']
  const chunked = /chunked/i.test(String(req.headers['transfer-encoding'] ?? ''))
  if (declared === undefined) {
    return chunked ? { status: 411, message: 'Envía la solicitud con su tamaño (encabezado Content-Length).' } : undefined
  }
  const multipart = /^multipart\//i.test(String(req.headers['content-type'] ?? ''))
  const limit = multipart ? limits.multipartBytes : limits.jsonBytes
  if (Number(declared) > limit) {
    const mb = Math.round(limit / MB)
    return {
      status: 413,
      message: multipart
        ? `Los archivos enviados pesan demasiado: el máximo por envío es ${mb} MB.`
        : `La solicitud es demasiado grande: el máximo es ${mb} MB.`,
    }
  }
  return undefined
}

/** Answers a refused request in the standard error shape and drops the rest of its body. */
export function refuseBody(res: http.ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' })
  res.end(JSON.stringify({ errors: [{ message: refusal.message }] }))
}
