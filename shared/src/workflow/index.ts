export * from './workflow';
export * from './checks';
