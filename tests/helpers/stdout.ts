/** Captures what lib/log.ts writes (process.stdout) while `work` runs, plus a moment for pino's last line. */
import { vi } from 'vitest'

export async function captureStdout(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = []
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk))
    return true
  })
  try {
    await work()
    await new Promise((resolve) => setTimeout(resolve, 50))
  } finally {
    spy.mockRestore()
  }
  return chunks.join('')
}
