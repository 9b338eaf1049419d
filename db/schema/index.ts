export * from './batches';
export * from './bounces';
export * from './campaigns';
export * from './dormancy';
export * from './members';
export * from './metrics';
export * from './risk';
export * from './staff';
