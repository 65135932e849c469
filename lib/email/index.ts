export { emailAdapter, outboxLocation } from './adapter'
export * as emails from './templates'
