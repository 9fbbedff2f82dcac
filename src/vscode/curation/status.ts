/** How the Documents view shows a document's curation status. */
import { CURATION_STATUS_LABELS, curationStatusOf, isGold } from '../../core/curation/index';
import type { DocumentAnnotations } from '../annotations/store';

/** `curated` / `curating` in the description, the full status in the tooltip; none before curation starts. */
export function curationBadge(doc: DocumentAnnotations | undefined): { short: string; long: string } | undefined {
  if (!doc || doc.state !== 'ready') return undefined;
  const status = curationStatusOf({ annotations: [...doc.annotations], relations: [...doc.relations], ...(doc.curation ? { curation: doc.curation } : {}) });
  if (status === 'not-started') return undefined;
  const gold = doc.annotations.filter((a) => isGold(a) && a.curation!.decision !== 'rejected-all').length;
  const by = doc.curation?.curator ? ` by ${doc.curation.curator}` : '';
  return { short: status === 'curated' ? '✓ curated' : '✎ curating', long: `Curation: ${CURATION_STATUS_LABELS[status]}${by} (${gold} gold annotation${gold === 1 ? '' : 's'})` };
}
