import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '../src/storage/database.js'
import { runMigrations } from '../src/storage/migrate.js'
let t = Date.now()
const h = await openDatabase({ databaseUrl: undefined, dataDir: '', inMemory: true })
console.log('open', Date.now() - t); t = Date.now()
await runMigrations(h)
console.log('migrate', Date.now() - t); t = Date.now()
const pg = (h as any)
await h.close()
t = Date.now()
const a = new PGlite(); await a.waitReady
console.log('plain open', Date.now() - t); t = Date.now()
await a.exec('create table x(a int)')
const dump = await a.dumpDataDir('none')
console.log('dump', Date.now() - t, dump.size); t = Date.now()
const b = new PGlite({ loadDataDir: dump }); await b.waitReady
console.log('load', Date.now() - t)
