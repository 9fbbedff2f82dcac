/**
 * What the panel knows: the host's last `state` (the document, its tags and annotations) and the UI state
 * (filter, selection, scroll, unsaved field values), kept across the page being dropped while the view is hidden
 * (no retainContextWhenHidden) with getState/setState.
 */
import * as z from 'zod/mini';
import type { AnnotationView, AttributeValue, DocumentStatus, PanelState, TagView } from '../protocol';
import { vscodeApi } from './vscodeApi';

const UiStateSchema = z.object({
  doc: z.optional(z.string()),
  filterTag: z.string(),
  filterText: z.string(),
  selectedId: z.optional(z.string()),
  scrollTop: z.number(),
  /** Field values typed but not saved yet, by field key (see fieldKey). */
  drafts: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
type UiState = z.infer<typeof UiStateSchema>;

const restored = UiStateSchema.safeParse(vscodeApi.getState());
export const ui: UiState = restored.success ? restored.data : { filterTag: '', filterText: '', scrollTop: 0, drafts: {} };
export const save = () => vscodeApi.setState(ui);

/** The host's state and what the page holds beside it (never saved: a new page starts without them). */
export const view = {
  panel: null as PanelState | null,
  firstState: true,
  /** The annotation whose removal waits for confirmation. */
  confirming: null as string | null,
  /** A selection the host asked for before its annotation reached this page: applied by the state that brings it. */
  pendingSelect: null as { id: string; focus: 'row' | 'note' | 'none' } | null,
};
/** Why the host refused a field's value, by field key. */
export const fieldErrors = new Map<string, string>();
/** The value the host last refused for a field: not sent again until it changes. */
export const refused = new Map<string, string>();

export const STATUS_LABELS: Record<DocumentStatus, string> = { todo: '○ To do', 'in-progress': '◐ In progress', done: '● Done' };
export const ORPHANS = '\u0000orphans';

/** Keys of focusable things, so focus and caret survive a re-render. */
export const fieldKey = (id: string, ...parts: Array<string | number>) => [id, ...parts].join('|');

export function annotation(id: string): AnnotationView | undefined {
  return view.panel?.annotations.find((a) => a.id === id);
}

export function tagOf(id: string): TagView | undefined {
  return view.panel?.tags.find((t) => t.id === id);
}

export function tagLabel(id: string): string {
  return tagOf(id)?.label ?? id;
}

/** Tags of annotations that the tag set does not define, sorted. */
export function unknownTags(): string[] {
  const known = new Set((view.panel?.tags ?? []).map((t) => t.id));
  return [...new Set((view.panel?.annotations ?? []).map((a) => a.tag).filter((t) => !known.has(t)))].sort();
}

export function valueText(value: AttributeValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(' ');
  return value.json;
}
