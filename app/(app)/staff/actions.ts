'use server';
import { z } from 'zod';
import { audit } from '@/db/audit';
import { tx } from '@/db/client';
import { ROLES } from '@/db/schema/staff';
import { findStaffByEmail, getStaff, insertStaff, updateStaff } from '@/db/staff';
import { defineAction, UserError } from '@/lib/action';
import { hashPassword } from '@/lib/auth/password';
import { now } from '@/lib/clock';

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
  async run(input, { staff }) {
    const passwordHash = await hashPassword(input.password);
    const at = now();
    const created = tx((db) => {
      if (findStaffByEmail(db, input.email))
        throw new UserError('A staff member with this email already exists.', { email: ['This email is already in use.'] });
      const row = insertStaff(db, { email: input.email, name: input.name, role: input.role, passwordHash, at });
      audit(
        db,
        { id: staff!.id, label: staff!.email },
        {
          action: 'staff.create',
          entityType: 'staff',
          entityId: row.id,
          after: { email: input.email, name: input.name, role: input.role },
          at,
        },
      );
      return row;
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
  run(input, { staff }) {
    const disabled = input.disabled === undefined ? undefined : input.disabled === 'true';
    const at = now();
    const after = tx((db) => {
      const before = getStaff(db, input.id);
      if (!before) throw new UserError('That staff member no longer exists.');
      // An admin cannot lock themselves out; another admin must do it.
      if (before.id === staff!.id && (disabled === true || (input.role && input.role !== 'admin')))
        throw new UserError('You cannot disable your own account or remove your own admin role.');
      updateStaff(db, input.id, { role: input.role, disabled, at });
      const next = { role: input.role ?? before.role, disabled: disabled ?? before.disabled };
      audit(
        db,
        { id: staff!.id, label: staff!.email },
        {
          action: disabled === undefined ? 'staff.change_role' : disabled ? 'staff.disable' : 'staff.enable',
          entityType: 'staff',
          entityId: before.id,
          before: { role: before.role, disabled: before.disabled },
          after: next,
          at,
        },
      );
      return { email: before.email, ...next };
    });
    const what =
      disabled === undefined ? `is now ${after.role.replace('_', ' ')}` : disabled ? 'is disabled' : 'is enabled again';
    return { message: `${after.email} ${what}.`, revalidate: ['/staff'] };
  },
});
