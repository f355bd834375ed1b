// The patrol and clue API's words (DESIGN.md "Patrol, clues, statistics and the web console"), read tolerantly:
// an item is known by its kind and ref, whatever else it carries.
export const itemKey = (item) => item.kind + ':' + item.ref
export const itemText = (item) => item.summary || item.title || item.text || item.content || item.detail || ''
export const itemWhen = (item) => item.at || item.occurredAt || item.registeredAt || item.createdAt
export const itemVillage = (item) => item.villageName || item.village || item.villageCode || ''
export const itemTicket = (item) => item.ticketNo || null
/** 待审内容: decided by a verdict (放行 / 不予显示), never by marking it reviewed (the API refuses, NEEDS_VERDICT). */
export const isHeld = (item) => item.kind === 'held_content'

/** The clue source that an item becomes: a ticket's items point at the ticket, a message at the message. */
export function clueSource(item) {
  if (item.source && item.source.kind) return item.source
  const ticket = itemTicket(item)
  if (item.kind === 'flagged_message' || item.kind === 'message') return { kind: 'message', ref: String(item.ref) }
  if (String(item.kind).includes('warning')) return { kind: 'warning', ref: String(item.ref) }
  if (ticket) return { kind: 'ticket', ref: String(ticket) }
  return { kind: item.kind, ref: String(item.ref) }
}
