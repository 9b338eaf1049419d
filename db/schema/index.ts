export * from './batches';
export * from './campaigns';
export * from './dormancy';
export * from './members';
export * from './staff';
