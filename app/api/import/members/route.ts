import { importMembersCsv } from '@/lib/ingest/members-csv';
import { handleCsvUpload } from '@/lib/ingest/upload';

/** Member CSV upload (the Import page posts the file here as a stream). */
export async function POST(request: Request) {
  return handleCsvUpload(request, importMembersCsv);
}
