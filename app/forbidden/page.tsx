import { forbidden } from 'next/navigation';

// Old links to /forbidden answer 403 too.
export default function ForbiddenPage() {
  forbidden();
}
