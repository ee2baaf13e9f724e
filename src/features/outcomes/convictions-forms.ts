import { FieldProblems, parsedOr, type FormBody, type Parsed } from '../../web/forms.ts'
import type { UploadedFile } from '../../web/plugins/uploads.ts'
import type { ImportCommand } from './convictions.ts'

/** The PNC extract upload form → an import command: one CSV or JSON file in the `file` field. */
export function parseImportForm(body: { fields: FormBody; files: UploadedFile[] }): Parsed<ImportCommand> {
  const p = new FieldProblems()
  const file = body.files.find(f => f.field === 'file' && f.bytes.length > 0)
  if (!file) p.add('file', 'Choose a PNC extract file (CSV or JSON)')
  else if (!/\.(csv|json)$/i.test(file.filename)) p.add('file', 'The extract must be a .csv or .json file')
  return parsedOr(p, () => ({ fileName: file!.filename, bytes: file!.bytes }))
}
