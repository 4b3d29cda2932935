export * from './auth.js'
export * from './history.js'
export * from './records.js'
export * from './registry.js'
