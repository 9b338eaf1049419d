'use client';
import { useActionState } from 'react';
import { updateStaffMember } from '@/app/(app)/staff/actions';
import { FormMessage } from '@/components/forms/field-error';
import { initialState } from '@/components/forms/initial-state';
import { SubmitButton } from '@/components/forms/submit-button';
import { ROLE_LABELS, type Role } from '@/lib/domain/roles';
import { RoleOptions } from './role-options';

type Person = { id: number; email: string; name: string; role: Role; disabled: boolean };

export function StaffRow({ person, isSelf }: { person: Person; isSelf: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(updateStaffMember, initialState);
  const [statusState, statusAction, statusPending] = useActionState(updateStaffMember, initialState);
  return (
    <tr className="border-b border-slate-100 align-top last:border-0">
      <td className="px-4 py-3 font-medium">{person.name}</td>
      <td className="px-4 py-3">{person.email}</td>
      <td className="px-4 py-3">
        <form action={roleAction} className="flex items-center gap-2">
          <input type="hidden" name="id" value={person.id} />
          <label className="sr-only" htmlFor={`role-${person.id}`}>
            Role for {person.email}
          </label>
          <select
            id={`role-${person.id}`}
            name="role"
            defaultValue={person.role}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            <RoleOptions />
          </select>
          <SubmitButton pending={rolePending} variant="secondary">
            Change role<span className="sr-only"> for {person.email}</span>
          </SubmitButton>
        </form>
        <div className="mt-2">
          <FormMessage state={roleState} />
        </div>
      </td>
      <td className="px-4 py-3">
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${person.disabled ? 'bg-red-50 text-red-700' : 'bg-emerald-50 text-emerald-700'}`}
        >
          {person.disabled ? 'Disabled' : 'Active'}
        </span>
        <span className="sr-only"> ({ROLE_LABELS[person.role]})</span>
      </td>
      <td className="px-4 py-3">
        {isSelf ? (
          <span className="text-xs text-slate-500">This is you</span>
        ) : (
          <form action={statusAction}>
            <input type="hidden" name="id" value={person.id} />
            <input type="hidden" name="disabled" value={person.disabled ? 'false' : 'true'} />
            <SubmitButton pending={statusPending} variant={person.disabled ? 'secondary' : 'danger'}>
              {person.disabled ? 'Enable' : 'Disable'}
              <span className="sr-only"> {person.email}</span>
            </SubmitButton>
          </form>
        )}
        <div className="mt-2">
          <FormMessage state={statusState} />
        </div>
      </td>
    </tr>
  );
}
