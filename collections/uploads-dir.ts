import path from 'node:path'

import { readEnv } from '../server/env'

/** Uploaded files live in the data directory (beside the database), never in the repository. */
export const uploadsDir = (name: string): string => path.resolve(readEnv().dataDir, 'uploads', name)
