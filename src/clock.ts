/** The current time. Injected so that tests can move it (a hazard becomes overdue by itself). */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()
