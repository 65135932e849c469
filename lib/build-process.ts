import { spawn } from 'node:child_process'

type Log = (line: string) => void

/**
 * Runs one build tool (Next for the admin, Astro for the site) as a child of this Node, in production
 * mode, streaming its lines to `log` with a label; a failure carries its last lines in Spanish.
 */
export function runBuild(cwd: string, args: string[], label: string, log: Log, extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1', DISABLE_PAYLOAD_HMR: 'true', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const tail: string[] = []
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue
        tail.push(line)
        if (tail.length > 40) tail.shift()
        log(`  [${label}] ${line}`)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`La compilación de ${label} falló (código ${code}).\n${tail.slice(-15).join('\n')}`)),
    )
  })
}
