export * from './certificate';
export * from './contract';
export * from './deviceAuth';
export * from './errors';
export * from './client';
