// The queue engine's public surface. Pure: no I/O, no timers, no clock of its own.
// Usage: `const out = engine.handle(input, now)`; execute out.commands, log out.events, and call
// `engine.handle({ kind: 'timer' }, t)` when `t >= engine.nextDeadline()`.
export * from './model.js';
export * from './inputs.js';
export * from './commands.js';
export * from './events.js';
export * from './outcome.js';
export { Engine, type EngineOptions } from './engine.js';
export { touchedBy, type Touched } from './touched.js';
export { BoundedMemory } from './bounded-memory.js';
export { validateQueueConfig, validateAgentConfig, validateTierConfig } from './validate.js';
