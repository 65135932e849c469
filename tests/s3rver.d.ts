/** The part of @20minutes/s3rver's API the tests use (the package ships no types). */
declare module '@20minutes/s3rver' {
  export default class S3rver {
    constructor(options: { address?: string; port?: number; directory?: string; silent?: boolean; configureBuckets?: { name: string }[] })
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
}
