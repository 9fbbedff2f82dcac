/** Drafts: what was typed and not saved yet; saving them as edits the host validates. */
import type { AnnotationPatch } from '../protocol';
import { renderListWhenIdle } from './list';
import { request } from './requests';
import { annotation, fieldErrors, fieldKey, refused, save, ui, valueText } from './state';

export function draftString(key: string): string | undefined {
  const d = ui.drafts[key];
  return typeof d === 'string' ? d : undefined;
}

export function draftList(key: string): string[] | undefined {
  const d = ui.drafts[key];
  return Array.isArray(d) ? d : undefined;
}

export function setDraft(key: string, value: string | string[]): void {
  ui.drafts[key] = value;
  save();
}

/** Sends an edit; on success the drafts it saved are dropped (unless typed over meanwhile), on failure kept and marked. */
export async function update(id: string, patch: AnnotationPatch, saved: Array<[string, string | string[]]>): Promise<void> {
  for (const [key] of saved) {
    fieldErrors.delete(key);
    refused.delete(key);
  }
  const reply = await request({ type: 'update', id, patch });
  for (const [key, value] of saved) {
    if (reply.ok) {
      if (JSON.stringify(ui.drafts[key]) === JSON.stringify(value)) delete ui.drafts[key];
    } else {
      fieldErrors.set(key, reply.error);
      refused.set(key, JSON.stringify(value));
    }
  }
  save();
  renderListWhenIdle();
}

/** Whether the host already refused exactly this value of the field (the error is still shown). */
const wasRefused = (key: string, value: string | string[]) => refused.get(key) === JSON.stringify(value);

/** Forgets a draft that equals the stored value, and its error. */
function dropDraft(key: string, keepDraft = false): void {
  if (!keepDraft) delete ui.drafts[key];
  fieldErrors.delete(key);
  refused.delete(key);
  save();
}

export function commitNote(id: string): void {
  const key = fieldKey(id, 'note');
  const value = draftString(key);
  const a = annotation(id);
  if (value === undefined || !a || wasRefused(key, value)) return;
  if (value === a.note) return dropDraft(key);
  void update(id, { note: value }, [[key, value]]);
}

export function commitText(id: string, attr: string): void {
  const key = fieldKey(id, 'attr', attr);
  const value = draftString(key);
  const a = annotation(id);
  if (value === undefined || !a || wasRefused(key, value)) return;
  if (value === valueText(a.attributes[attr])) return dropDraft(key);
  void update(id, { attributes: { [attr]: value === '' ? null : value } }, [[key, value]]);
}

export function commitList(id: string, attr: string): void {
  const key = fieldKey(id, 'list', attr);
  const value = draftList(key);
  const a = annotation(id);
  if (value === undefined || !a || wasRefused(key, value)) return;
  const cleaned = value.map((s) => s.trim()).filter((s) => s !== '');
  const stored = a.attributes[attr];
  if (JSON.stringify(cleaned) === JSON.stringify(Array.isArray(stored) ? stored : [])) return dropDraft(key, cleaned.length !== value.length);
  void update(id, { attributes: { [attr]: cleaned.length ? cleaned : null } }, [[key, value]]);
}

/** Saves every field typed into and not saved yet (the page is about to be hidden and dropped). */
export function commitAllDrafts(): void {
  for (const key of Object.keys(ui.drafts)) {
    const [id, kind, attr] = key.split('|');
    if (!id) continue;
    if (kind === 'note') commitNote(id);
    else if (kind === 'attr' && attr) commitText(id, attr);
    else if (kind === 'list' && attr) commitList(id, attr);
  }
}
