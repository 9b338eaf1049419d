import { handleCsvUpload } from '@/lib/ingest/upload';

/** Catalogue titles CSV upload (the Import page posts the file here as a stream). */
export async function POST(request: Request) {
  return handleCsvUpload(request, 'titles');
}
