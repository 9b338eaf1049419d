import { ROLES } from '@/db/schema/staff';
import { ROLE_LABELS } from '@/lib/domain/roles';

export function RoleOptions() {
  return ROLES.map((r) => (
    <option key={r} value={r}>
      {ROLE_LABELS[r]}
    </option>
  ));
}
