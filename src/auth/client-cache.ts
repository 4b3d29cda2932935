import type { Clock } from '../clock.js'
import type { Database } from '../storage/database.js'
import type { Client } from './client.js'
import { findClientById } from './client-registry.js'

export interface ClientCache {
  find(clientId: string): Promise<Client | undefined>
}

/**
 * Clients as the bearer check needs them, kept for `ttlMs`. Every authenticated request would
 * otherwise read the clients table; the price is that disabling a client takes effect on every
 * process within `ttlMs`, not at once.
 */
export function createClientCache(db: Database, clock: Clock, ttlMs: number): ClientCache {
  const entries = new Map<string, { client: Client | undefined; loadedAt: number }>()

  return {
    async find(clientId) {
      const now = clock().getTime()
      const entry = entries.get(clientId)
      // A clock moved backwards (tests, NTP) must not keep an entry for ever.
      if (entry && now - entry.loadedAt < ttlMs && now >= entry.loadedAt) return entry.client

      const client = await findClientById(db, clientId)
      entries.set(clientId, { client, loadedAt: now })
      return client
    },
  }
}
