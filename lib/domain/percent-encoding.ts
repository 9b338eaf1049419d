// A URL whose percent-encoding does not decode (`%ZZ`, a lone `%`, `%2` at the end, bytes that are
// not UTF-8) cannot name anything in the app: it is answered 400, never handed to the router, which
// fails on it while decoding dynamic segments.

/** Whether `part` (a raw path or query string, still encoded) has percent-encoding that does not decode. */
export function hasMalformedPercentEncoding(part: string): boolean {
  if (!part.includes('%')) return false;
  try {
    decodeURIComponent(part);
    return false;
  } catch {
    return true;
  }
}
