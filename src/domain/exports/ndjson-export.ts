import { Readable } from 'node:stream'

/** One page of an export: its lines, and the id to continue after (none on the last page). */
export interface ExportPage {
  lines: string[]
  nextAfter: number | undefined
}

/**
 * NDJSON in constant memory: a page is fetched only when the reader has drained what came
 * before (the stream calls `read()` once its buffer is below the high-water mark), so a slow
 * client holds back the database reads and the process keeps about one page, never the
 * whole export.
 */
export function createNdjsonExport(fetchPage: (after: number) => Promise<ExportPage>): Readable {
  let after: number | undefined = 0
  let fetching = false

  /** The next non-empty chunk, or null at the end. */
  async function nextChunk(): Promise<string | null> {
    while (after !== undefined) {
      const page = await fetchPage(after)
      after = page.nextAfter
      if (page.lines.length > 0) return page.lines.join('')
    }
    return null
  }

  return new Readable({
    highWaterMark: 256 * 1024,
    read() {
      if (fetching) return
      fetching = true
      nextChunk().then(
        (chunk) => {
          fetching = false
          this.push(chunk)
          if (chunk !== null && after === undefined) this.push(null)
        },
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      )
    },
  })
}
