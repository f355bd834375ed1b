// Which menu entries a role sees. The server decides every request; this only keeps away pages that would answer 403.
const OFFICERS = ['village_cadre', 'bookkeeper', 'resident_cadre', 'town_officer', 'county_officer', 'city_officer', 'discipline_officer']
const STATS = ['town_officer', 'county_officer', 'city_officer', 'discipline_officer']
// 三务公开: the bookkeeper uploads, the resident cadre signs, town and county officers follow the push (VIEW_DISCLOSURES).
const DISCLOSURE = ['bookkeeper', 'resident_cadre', 'town_officer', 'county_officer']
// 民意调查: RUN_POLLS.
const POLLS = ['town_officer', 'county_officer']
// Those whose work is the month's disclosure open on it.
const DISCLOSURE_FIRST = ['bookkeeper', 'resident_cadre']

export const can = {
  tickets: (me) => OFFICERS.includes(me.role),
  patrol: (me) => me.role === 'discipline_officer',
  stats: (me) => STATS.includes(me.role),
  admin: (me) => me.role === 'admin',
  disclosure: (me) => DISCLOSURE.includes(me.role),
  polls: (me) => POLLS.includes(me.role),
  home: (me) => (me.role === 'admin' ? '/admin' : me.role === 'discipline_officer' ? '/patrol'
    : DISCLOSURE_FIRST.includes(me.role) ? '/disclosure' : '/tickets'),
}
