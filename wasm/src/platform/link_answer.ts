// Whether the browser itself answered a click on a link with nothing to see
// in the page: a download (`download`, or Alt), another tab or window (a
// target other than _self/_parent/_top, or Ctrl/Cmd/Shift). Read once the
// page's handlers ran: one that prevented the default left the link dead
// unless it did something else (which the recorder sees for itself).
export function linkAnswered(path: EventTarget[], e: MouseEvent): boolean {
  const link = path.find((t): t is HTMLAnchorElement | HTMLAreaElement => t instanceof HTMLAnchorElement || t instanceof HTMLAreaElement);
  if (!link || !link.hasAttribute('href') || e.defaultPrevented || link.protocol === 'javascript:') return false;
  return link.hasAttribute('download') || !/^(_self|_parent|_top)?$/i.test(link.target) || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey;
}
