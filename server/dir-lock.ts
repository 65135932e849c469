import fs from 'node:fs'
import path from 'node:path'

/**
 * A lock between processes on one machine: whoever creates the folder holds it. The holder's pid is
 * written inside, so a lock left by a killed process is taken over instead of waited on forever.
 */
export async function lockDir(dir: string, opts: { timeoutMs: number; what: string }): Promise<() => void> {
  const owner = path.join(dir, 'pid')
  for (let waited = 0; ; waited += 500) {
    try {
      fs.mkdirSync(dir)
      fs.writeFileSync(owner, String(process.pid))
      return () => fs.rmSync(dir, { recursive: true, force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (holderIsGone(owner)) fs.rmSync(dir, { recursive: true, force: true })
      else if (waited > opts.timeoutMs) throw new Error(`${dir} lleva demasiado tiempo bloqueado (${opts.what}); bórralo si nada más está corriendo.`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
}

function holderIsGone(owner: string): boolean {
  let pid: number
  try {
    pid = Number(fs.readFileSync(owner, 'utf8'))
  } catch {
    return false // being created right now
  }
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
