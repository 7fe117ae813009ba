import { h, link } from '../dom.js';

/** Streams / stream / topic / last, linked back up. */
export function topicCrumbs(base, streamId, topicId, last) {
  return h(
    'nav',
    { class: 'crumbs', 'aria-label': 'Breadcrumbs' },
    link(`${base}/streams`, 'Streams'),
    ' / ',
    link(`${base}/streams/${streamId}`, streamId),
    ' / ',
    link(`${base}/streams/${streamId}/topics/${topicId}`, topicId),
    ` / ${last}`,
  );
}
