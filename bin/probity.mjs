#!/usr/bin/env node
// The `probity` command. TypeScript runs through tsx, so `npx probity` works straight after `npm install`.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
