// The simulator page's script: a file, not inline, so its Content-Security-Policy can refuse inline script.
let groups = [], lastSeq = 0;
const $ = id => document.getElementById(id);
async function load() {
  groups = (await (await fetch('/simulator/v1/groups')).json()).groups;
  const kind = {villagers: '', officers: '【工作群】', discipline: '【纪检群】'};
  $('group').replaceChildren(...groups.map((g, i) => {
    const o = document.createElement('option'); o.value = i; o.textContent = `${kind[g.purpose] || ''}${g.village} · ${g.name}`; return o;
  }));
  pickGroup();
}
function pickGroup() {
  const g = groups[$('group').value];
  const people = g.purpose === 'villagers' ? g.people.concat([{id: 'sim-newcomer', name: '新来的村民', role: 'villager'}]) : g.people;
  const label = {villager: '村民', village_cadre: '村干部', bookkeeper: '报账员', resident_cadre: '驻村干部', town_officer: '镇干部',
    county_officer: '县督办员', city_officer: '市督办员', discipline_officer: '纪检干部'};
  $('sender').replaceChildren(...people.map(p => {
    const o = document.createElement('option'); o.value = p.id; o.dataset.name = p.name;
    o.textContent = `${p.name}（${label[p.role] || p.role}）`; return o;
  }));
  $('feed').innerHTML = ''; lastSeq = 0; poll();
}
function show(item) {
  const div = document.createElement('div');
  div.className = 'msg ' + item.kind;
  div.innerHTML = `<div class="from"></div><div class="text"></div>`;
  div.querySelector('.from').textContent = item.from;
  div.querySelector('.text').textContent = item.text;
  $('feed').appendChild(div); $('feed').scrollTop = $('feed').scrollHeight;
}
async function poll() {
  const g = groups[$('group').value]; if (!g) return;
  const r = await (await fetch(`/simulator/v1/groups/${encodeURIComponent(g.groupId)}/feed?after=${lastSeq}`)).json();
  r.items.forEach(i => { show(i); lastSeq = Math.max(lastSeq, i.seq); });
}
async function send() {
  const g = groups[$('group').value], s = $('sender').selectedOptions[0], text = $('say').value.trim();
  if (!text) return;
  const r = await fetch('/simulator/v1/say', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({groupId: g.groupId, senderId: s.value, senderName: s.dataset.name, text})});
  if (!r.ok) alert('发送失败：' + (await r.text()));
  $('say').value = ''; poll();
}
$('group').onchange = pickGroup; $('send').onclick = send;
$('say').onkeydown = e => { if (e.key === 'Enter') send(); };
document.querySelectorAll('.examples button').forEach(b => b.onclick = () => { $('say').value = b.dataset.text; $('say').focus(); });
setInterval(poll, 1000); load();
