'use server';
import { z } from 'zod';
import { addSuppression, importSuppressions, removeSuppression } from '@/lib/delivery/suppressions';
import { MAX_REASON_LENGTH, parseSuppressionCsv } from '@/lib/domain/delivery/suppression-csv';
import { Refusal } from '@/lib/domain/refusal';
import { defineAction } from '@/lib/runtime/action';

const PATH = '/campaigns/suppression';
const accountId = z
  .string()
  .trim()
  .min(1, 'Enter the member account id.')
  .max(64, 'An account id is at most 64 characters.')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'An account id has only letters, digits and - _ . :');

export const addToSuppression = defineAction({
  name: 'suppression.add',
  permission: 'suppression.edit',
  schema: z.object({
    accountId,
    reason: z
      .string()
      .trim()
      .min(1, 'Say why (for example: complaint, legal request).')
      .max(MAX_REASON_LENGTH, `At most ${MAX_REASON_LENGTH} characters.`),
  }),
  execute(input, uow) {
    const r = addSuppression(uow, input);
    if (!r.ok)
      throw new Refusal(
        r.reason === 'unknown_account'
          ? 'No member has that account id. Nothing was changed.'
          : 'That member is already on the suppression list. Nothing was changed.',
        {
          fieldErrors: {
            accountId: [r.reason === 'unknown_account' ? 'No member has this account id.' : 'Already on the list.'],
          },
        },
      );
    return { message: `${input.accountId} will never be contacted by a campaign.`, revalidate: [PATH] };
  },
});

export const removeFromSuppression = defineAction({
  name: 'suppression.remove',
  permission: 'suppression.edit',
  schema: z.object({ accountId }),
  execute({ accountId: id }, uow) {
    if (!removeSuppression(uow, id)) throw new Refusal('That member is not on the suppression list. Nothing was changed.');
    return { message: `${id} was removed from the suppression list.`, revalidate: [PATH] };
  },
});

const MAX_BYTES = 1_500_000;

export const importSuppressionCsv = defineAction({
  name: 'suppression.import',
  permission: 'suppression.edit',
  schema: z
    .object({
      file: z.instanceof(File).optional(),
      csv: z.string().max(MAX_BYTES, 'The CSV is too large (1.5 MB at most).').optional(),
    })
    .refine((v) => (v.file && v.file.size > 0) || v.csv?.trim(), { message: 'Choose a CSV file to import.', path: ['file'] }),
  // Reading the upload waits on I/O, so it happens before the transaction opens.
  async prepare({ file, csv }) {
    if (file && file.size > MAX_BYTES) throw new Refusal('The file is too large (1.5 MB at most). Nothing was imported.');
    const text = file && file.size > 0 ? await file.text() : (csv ?? '');
    const parsed = parseSuppressionCsv(text);
    if (!parsed.ok)
      throw new Refusal(`Nothing was imported. ${parsed.errors.join(' ')}`, { fieldErrors: { file: parsed.errors } });
    return parsed;
  },
  execute(_input, uow, parsed) {
    const r = importSuppressions(uow, parsed.rows);
    if (!r.ok) throw new Refusal(`Nothing was imported. ${r.errors.join(' ')}`, { fieldErrors: { file: r.errors } });
    return {
      message: `Imported ${parsed.rows.length} row${parsed.rows.length === 1 ? '' : 's'}: ${r.added} added, ${r.alreadyListed} already on the list.`,
      revalidate: [PATH],
    };
  },
});
