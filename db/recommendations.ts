import 'server-only';
import type Database from 'better-sqlite3';
import { chooseRecommendations, type Recommendation } from '@/lib/domain/campaigns/recommendations';
import { recommendationInputsSql } from './recommendations.sql';

// The titles chosen for one member, read through recommendations.sql.ts and chosen by the pure rule.

export function recommendationsFor(sqlite: Database.Database, memberId: number, country: string): Recommendation[] {
  return chooseRecommendations(recommendationInputsSql(sqlite, memberId, country));
}
