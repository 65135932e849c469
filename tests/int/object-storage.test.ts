/**
 * Uploads in object storage, as a city deployment would run them: @payloadcms/storage-s3 (as
 * collections/storage.ts configures it) against a real S3-compatible server started by this test
 * on 127.0.0.1 (npm `@20minutes/s3rver`, which checks request signatures like S3 does; it does not
 * enforce bucket policies, so the bucket's own privacy is the deployment's setting, docs/operations.md §7).
 * A public image is stored in the bucket and served to anyone; a youth's application document is
 * stored in the bucket and served only through the access-checked route; deleting removes the object.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import S3rver from '@20minutes/s3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort } from '../../server/database'
import { setupPayload, type TestContext } from '../helpers/payload'
import { staffToken } from '../helpers/youth'
import { useOutbox } from '../helpers/outbox'
import { applicationsOf, applyForm, openCall, requiredFiles, validAnswers } from './applications-fixtures'
import { staffMember } from './application-review-fixtures'
import { pngBytes, useTemporaryDataDir } from './content/fixtures'
import { youths } from './enrollment-fixtures'

const BUCKET = 'viaje-pruebas'
const outbox = useOutbox()

describe('uploads in an S3-compatible bucket', () => {
  let ctx: TestContext
  let s3: S3rver
  let endpoint: string
  const bucketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'viaje-s3-'))
  /** The object files s3rver keeps for the bucket (it stores each object as a file under its key). */
  const objects = () =>
    fs.existsSync(path.join(bucketDir, BUCKET))
      ? fs.readdirSync(path.join(bucketDir, BUCKET), { recursive: true }).map(String).filter((f) => !f.endsWith('._S3rver_metadata.json') && !f.endsWith('._S3rver_object.md5'))
      : []
  const stored = (filename: string) => objects().some((f) => f.endsWith(filename) || f.includes(`${filename}._S3rver_object`))

  beforeAll(async () => {
    const port = await freePort()
    s3 = new S3rver({ address: '127.0.0.1', port, directory: bucketDir, silent: true, configureBuckets: [{ name: BUCKET }] })
    await s3.run()
    endpoint = `http://127.0.0.1:${port}`
    // s3rver's fixed credentials; what a deployment sets in its environment (server/env.ts).
    Object.assign(process.env, { S3_BUCKET: BUCKET, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1' })
    useTemporaryDataDir()
    ctx = await setupPayload()
  })
  afterAll(async () => {
    await ctx?.close()
    await s3?.close().catch(() => {})
    for (const key of ['S3_BUCKET', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_REGION']) delete process.env[key]
    fs.rmSync(bucketDir, { recursive: true, force: true })
    outbox.cleanup()
  })

  it('a public image: uploaded by staff into the bucket, served to anyone, gone from the bucket when deleted', async () => {
    const png = await pngBytes()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'taller-s3.png')
    form.append('_payload', JSON.stringify({ alt: 'Foto de un taller en el bucket' }))
    const created = await ctx.rest('POST', '/media', { body: form, token: await staffToken(ctx, 'editor') })
    expect(created.status, await created.clone().text()).toBe(201)
    const { doc } = await created.json()
    expect(stored(doc.filename), `${doc.filename} in the bucket: ${objects().join(', ')}`).toBe(true)
    // Nothing on local disk: the file lives only in the bucket.
    expect(fs.readdirSync(process.env.DATA_DIR!, { recursive: true }).map(String).filter((f) => f.endsWith(doc.filename))).toEqual([])

    const served = await ctx.rest('GET', `/media/file/${doc.filename}`)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).subarray(0, 8)).toEqual(png.subarray(0, 8))

    const deleted = await ctx.rest('DELETE', `/media/${doc.id}`, { token: await staffToken(ctx, 'admin') })
    expect(deleted.status).toBe(200)
    expect(stored(doc.filename)).toBe(false)
    expect((await ctx.rest('GET', `/media/file/${doc.filename}`)).status).toBe(404)
  })

  it('a private application document: in the bucket, served only to its applicant and the call\'s reviewer', async () => {
    const assigned = await staffMember(ctx, 'reviewer')
    const call = await openCall(ctx, { reviewers: [assigned.id] })
    const [owner, other] = await youths(ctx, 2)
    const applied = await ctx.rest('POST', `/calls/${call.id}/apply`, { body: applyForm({ answers: validAnswers(call) }, await requiredFiles(call)), token: owner.token })
    expect(applied.status, await applied.clone().text()).toBe(201)
    const [application] = await applicationsOf(ctx, call.id)
    const doc = await ctx.payload.findByID({ collection: 'application-documents', id: (application.documents as number[])[0] })
    expect(stored(doc.filename!), `${doc.filename} in the bucket`).toBe(true)

    const file = `/application-documents/file/${doc.filename}`
    const asOwner = await ctx.rest('GET', file, { token: owner.token })
    expect(asOwner.status).toBe(200)
    expect(Buffer.from(await asOwner.arrayBuffer()).subarray(0, 4).toString('latin1')).toMatch(/%PDF|.PNG/)
    expect((await ctx.rest('GET', file, { token: assigned.token })).status).toBe(200)
    for (const token of [other.token, undefined, await staffToken(ctx, 'editor')]) {
      expect([403, 404]).toContain((await ctx.rest('GET', file, { token })).status)
    }

    await ctx.payload.delete({ collection: 'application-documents', id: doc.id })
    expect(stored(doc.filename!)).toBe(false)
  })
})
