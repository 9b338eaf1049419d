import { handleCsvUpload } from '@/lib/ingest/upload';

/** Member CSV upload (the Import page posts the file here as a stream). */
export async function POST(request: Request) {
  return handleCsvUpload(request, 'members');
}
