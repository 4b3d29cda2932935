/** One CSV record with the line of the file it starts on (1-based, the header is line 1). */
export interface CsvRecord {
  line: number
  fields: string[]
}

/**
 * Parses CSV as RFC 4180 writes it: comma-separated, fields in double quotes may hold commas,
 * line breaks and doubled quotes. Accepts CRLF or LF and the byte-order mark that spreadsheet
 * programs put before UTF-8. Blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let recordLine = 1

  const endRecord = () => {
    fields.push(field)
    const blank = fields.length === 1 && fields[0] === ''
    if (!blank) records.push({ line: recordLine, fields })
    fields = []
    field = ''
  }

  for (let i = 0; i < input.length; i++) {
    const char = input[i]
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') {
        quoted = false
      } else {
        if (char === '\n') line++
        field += char
      }
    } else if (char === '"' && field === '') {
      quoted = true
    } else if (char === ',') {
      fields.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else {
      field += char
    }
  }
  if (field !== '' || fields.length > 0) endRecord()
  return records
}
