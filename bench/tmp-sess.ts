import Database from 'better-sqlite3';
import { refreshOverviewAggregates } from '@/db/metrics';
import { benchSession } from './lib/server';

const db = new Database(process.argv[2]!);
if (process.argv[3] === 'agg') refreshOverviewAggregates(db, Date.now());
console.log(benchSession(db));
db.close();
