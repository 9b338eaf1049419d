'use server';
import { z } from 'zod';
import { ROLES } from '@/db/schema/staff';
import { findStaffByEmail, getStaff, insertStaff, updateStaff } from '@/db/staff';
import { hashPassword } from '@/lib/auth/password';
import { Refusal } from '@/lib/domain/refusal';
import { defineAction } from '@/lib/runtime/action';

const roleSchema = z.enum(ROLES, { error: 'Choose one of the listed roles.' });

const createSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')),
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Keep the name under 120 characters.'),
  role: roleSchema,
  password: z.string().min(12, 'Use at least 12 characters.').max(200, 'That password is too long.'),
});

export const createStaff = defineAction({
  name: 'staff.create',
  permission: 'staff.manage',
  schema: createSchema,
  prepare: (input) => hashPassword(input.password),
  execute(input, { tx, now, audit }, passwordHash) {
    if (findStaffByEmail(tx.db, input.email))
      throw new Refusal('A staff member with this email already exists.', {
        fieldErrors: { email: ['This email is already in use.'] },
      });
    const created = insertStaff(tx.db, { email: input.email, name: input.name, role: input.role, passwordHash, at: now });
    audit({
      action: 'staff.create',
      entityType: 'staff',
      entityId: created.id,
      after: { email: input.email, name: input.name, role: input.role },
    });
    return { message: `Added ${input.email}.`, data: created.id, revalidate: ['/staff'] };
  },
});

const updateSchema = z
  .object({
    id: z.coerce.number().int().positive('Unknown staff member.'),
    role: roleSchema.optional(),
    disabled: z.enum(['true', 'false']).optional(),
  })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: 'Nothing to change.' });

export const updateStaffMember = defineAction({
  name: 'staff.update',
  permission: 'staff.manage',
  schema: updateSchema,
  execute(input, { tx, actor, now, audit }) {
    const disabled = input.disabled === undefined ? undefined : input.disabled === 'true';
    const before = getStaff(tx.db, input.id);
    if (!before) throw new Refusal('That staff member no longer exists.');
    // An admin cannot lock themselves out; another admin must do it.
    if (before.id === actor.id && (disabled === true || (input.role && input.role !== 'admin')))
      throw new Refusal('You cannot disable your own account or remove your own admin role.');
    updateStaff(tx.db, input.id, { role: input.role, disabled, at: now });
    const after = { email: before.email, role: input.role ?? before.role, disabled: disabled ?? before.disabled };
    audit({
      action: disabled === undefined ? 'staff.change_role' : disabled ? 'staff.disable' : 'staff.enable',
      entityType: 'staff',
      entityId: before.id,
      before: { role: before.role, disabled: before.disabled },
      after: { role: after.role, disabled: after.disabled },
    });
    const what =
      disabled === undefined ? `is now ${after.role.replace('_', ' ')}` : disabled ? 'is disabled' : 'is enabled again';
    return { message: `${after.email} ${what}.`, revalidate: ['/staff'] };
  },
});
