// Which menu entries a role sees. The server decides every request; this only keeps away pages that would answer 403.
const OFFICERS = ['village_cadre', 'bookkeeper', 'resident_cadre', 'town_officer', 'county_officer', 'city_officer', 'discipline_officer']
const STATS = ['town_officer', 'county_officer', 'city_officer', 'discipline_officer']

export const can = {
  tickets: (me) => OFFICERS.includes(me.role),
  patrol: (me) => me.role === 'discipline_officer',
  stats: (me) => STATS.includes(me.role),
  admin: (me) => me.role === 'admin',
  home: (me) => (me.role === 'admin' ? '/admin' : me.role === 'discipline_officer' ? '/patrol' : '/tickets'),
}
