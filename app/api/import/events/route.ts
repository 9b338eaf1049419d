import { afterEventsImport } from '@/lib/ingest/events-csv';
import { handleCsvUpload } from '@/lib/ingest/upload';

/** Viewing-events CSV upload (the Import page posts the file here as a stream). */
export async function POST(request: Request) {
  return handleCsvUpload(request, 'events', { afterImport: afterEventsImport });
}
