export * from './tenancy.js';
export * from './accounts.js';
export * from './audit.js';
export * from './calendar.js';
export * from './people.js';
export * from './contacts.js';
export * from './measures.js';
