import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from './connect.ts'
import { createTestDatabase } from './testing.ts'

/**
 * The `Database` interface in `schema.ts` (every declaration of it, merged as TypeScript merges them) against the
 * migrated database, both ways: a table or column declared but not migrated, or migrated but not declared, fails.
 * The interface is read with the TypeScript compiler, so what is compared is what Kysely's types see.
 */

/** Tables Kysely's migrator keeps for itself: never part of the app's schema. */
const MIGRATOR_TABLES = new Set(['kysely_migration', 'kysely_migration_lock'])

type Columns = Record<string, string[]>

/** Every table of the `Database` interface and its columns, from the TypeScript source. */
function declaredSchema(file: string): Columns {
  const program = ts.createProgram([file], { strict: true, skipLibCheck: true, noEmit: true })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  if (!source) throw new Error(`cannot read ${file}`)
  const database = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database',
  )
  if (!database) throw new Error(`no Database interface in ${file}`)
  const tables: Columns = {}
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(database))) {
    const tableType = checker.getTypeOfSymbolAtLocation(table, database)
    tables[table.name] = checker
      .getPropertiesOfType(tableType)
      .map(c => c.name)
      .sort()
  }
  return tables
}

async function migratedSchema(handle: DatabaseHandle): Promise<Columns> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema()
  `.execute(handle.db)
  const tables: Columns = {}
  for (const { table_name, column_name } of rows) {
    if (MIGRATOR_TABLES.has(table_name)) continue
    ;(tables[table_name] ??= []).push(column_name)
  }
  for (const columns of Object.values(tables)) columns.sort()
  return tables
}

let handle: DatabaseHandle
let declared: Columns
let migrated: Columns
beforeAll(async () => {
  handle = await createTestDatabase()
  declared = declaredSchema(fileURLToPath(new URL('./schema.ts', import.meta.url)))
  migrated = await migratedSchema(handle)
}, 60_000)
afterAll(() => handle.close())

describe('schema.ts against the migrated database', () => {
  it('reads a plausible Database interface from the source', () => {
    expect(Object.keys(declared).length).toBeGreaterThan(30)
    expect(declared.people).toEqual(expect.arrayContaining(['id', 'crn', 'forename', 'surname', 'case_status']))
    // Columns added by a later declaration of the same table interface are merged in.
    expect(declared.contacts).toEqual(expect.arrayContaining(['person_id', 'absence_reason']))
  })

  it('declares every migrated table, and migrates every declared table', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(migrated).sort())
  })

  it('declares every column of every table, and nothing the database lacks', () => {
    const differences = Object.keys({ ...declared, ...migrated })
      .sort()
      .flatMap(table => {
        const inCode = new Set(declared[table] ?? [])
        const inDb = new Set(migrated[table] ?? [])
        return [
          ...[...inCode]
            .filter(c => !inDb.has(c))
            .map(c => `${table}.${c}: declared in schema.ts, not in the database`),
          ...[...inDb]
            .filter(c => !inCode.has(c))
            .map(c => `${table}.${c}: in the database, not declared in schema.ts`),
        ]
      })
    expect(differences).toEqual([])
  })
})
