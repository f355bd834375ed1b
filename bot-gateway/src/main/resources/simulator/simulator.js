// The simulator page's script: a file, not inline, so its Content-Security-Policy can refuse inline script.
let groups = [], lastSeq = 0, polling = null, generation = 0;
const shown = new Set();
const $ = id => document.getElementById(id);
const label = {villager: '村民', village_cadre: '村干部', bookkeeper: '报账员', resident_cadre: '驻村干部', town_officer: '镇干部',
  county_officer: '县督办员', city_officer: '市督办员', discipline_officer: '纪检干部'};

async function load() {
  groups = (await (await fetch('/simulator/v1/groups')).json()).groups;
  const kind = {villagers: '', officers: '【工作群】', discipline: '【纪检群】'};
  $('group').replaceChildren(...groups.map((g, i) => {
    const o = document.createElement('option'); o.value = i; o.textContent = `${kind[g.purpose] || ''}${g.village} · ${g.name}`; return o;
  }));
  // A newcomer starts where villagers are: a village's villagers' group, as one of its villagers.
  const first = groups.findIndex(g => g.purpose === 'villagers');
  $('group').value = String(first < 0 ? 0 : first);
  pickGroup();
}

function me() { return $('sender').selectedOptions[0]; }

function pickGroup() {
  const g = groups[$('group').value];
  const people = g.purpose === 'villagers' ? g.people.concat([{id: 'sim-newcomer', name: '新来的村民', role: 'villager'}]) : g.people;
  $('sender').replaceChildren(...people.map(p => {
    const o = document.createElement('option'); o.value = p.id; o.dataset.name = p.name; o.dataset.role = p.role;
    o.textContent = `${p.name}（${label[p.role] || p.role}）`; return o;
  }));
  const villager = people.find(p => p.role === 'villager');
  if (villager) $('sender').value = villager.id;
  generation++; $('feed').replaceChildren(); shown.clear(); lastSeq = 0; polling = null; poll();
}

function pickSender() {
  // One's own messages sit on the right, as in WeChat: redraw the sides for whoever one now is.
  document.querySelectorAll('#feed .msg.said').forEach(d => d.classList.toggle('mine', d.dataset.sender === me().value));
}

function show(item) {
  if (shown.has(item.seq)) return;
  shown.add(item.seq);
  const div = document.createElement('div');
  div.className = 'msg ' + item.kind + (item.kind === 'said' && item.senderId === me().value ? ' mine' : '');
  div.dataset.seq = item.seq; div.dataset.sender = item.senderId || '';
  const from = document.createElement('div'); from.className = 'from'; from.textContent = item.from;
  const bubble = document.createElement('div'); bubble.className = 'bubble';
  if (item.voice) {
    const audio = document.createElement('audio'); audio.controls = true; audio.preload = 'none'; audio.src = item.voice.url;
    const len = document.createElement('span'); len.className = 'len'; len.textContent = `语音 ${item.voice.seconds || 0} 秒`;
    bubble.append(len, audio);
    if (item.text) { const t = document.createElement('div'); t.className = 'text'; t.textContent = item.text; bubble.append(t); }
  } else {
    const t = document.createElement('div'); t.className = 'text'; t.textContent = item.text; bubble.append(t);
  }
  div.append(from, bubble);
  $('feed').appendChild(div); $('feed').scrollTop = $('feed').scrollHeight;
}

// One poll at a time: two overlapping polls asked with the same lastSeq and both drew the answer (the doubled lines).
function poll() {
  if (polling) return polling;
  const g = groups[$('group').value]; if (!g) return Promise.resolve();
  const mine = generation;
  polling = fetch(`/simulator/v1/groups/${encodeURIComponent(g.groupId)}/feed?after=${lastSeq}`)
    .then(r => r.json())
    .then(r => { if (mine !== generation) return; r.items.forEach(i => { show(i); lastSeq = Math.max(lastSeq, i.seq); }); })
    .catch(() => {})
    .finally(() => { if (mine === generation) polling = null; });
  return polling;
}

async function post(body) {
  const g = groups[$('group').value], s = me();
  const r = await fetch('/simulator/v1/say', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(Object.assign({groupId: g.groupId, senderId: s.value, senderName: s.dataset.name}, body))});
  if (!r.ok) alert('发送失败：' + ((await r.json().catch(() => ({}))).message || r.status));
  await poll();
}

async function send() {
  const text = $('say').value.trim();
  if (!text) return;
  $('say').value = '';
  await post({text});
}

async function sendVoice(blob, seconds) {
  const r = await fetch('/simulator/v1/voice', {method: 'POST', headers: {'Content-Type': blob.type || 'audio/wav'}, body: blob});
  if (!r.ok) { alert('录音上传失败：' + ((await r.json().catch(() => ({}))).message || r.status)); return; }
  const stored = await r.json();
  await post({voice: stored.voice, seconds: Math.max(1, Math.round(seconds))});
}

// A two-second tone as a WAV file: a voice message anyone can send, even without a microphone.
function sampleVoice() {
  const rate = 8000, seconds = 2, n = rate * seconds, data = new DataView(new ArrayBuffer(44 + n * 2));
  const text = (o, s) => [...s].forEach((c, i) => data.setUint8(o + i, c.charCodeAt(0)));
  text(0, 'RIFF'); data.setUint32(4, 36 + n * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
  data.setUint32(16, 16, true); data.setUint16(20, 1, true); data.setUint16(22, 1, true); data.setUint32(24, rate, true);
  data.setUint32(28, rate * 2, true); data.setUint16(32, 2, true); data.setUint16(34, 16, true); text(36, 'data'); data.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) data.setInt16(44 + i * 2, Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate)), true);
  return new Blob([data.buffer], {type: 'audio/wav'});
}

let recorder = null, recordedAt = 0;
async function toggleRecording() {
  if (recorder) { recorder.stop(); return; }
  if (!navigator.mediaDevices || !window.MediaRecorder) { alert('这个浏览器不能录音；可以选择录音文件，或发示例语音'); return; }
  let stream;
  try { stream = await navigator.mediaDevices.getUserMedia({audio: true}); } catch (e) { alert('没有拿到麦克风：' + e.message); return; }
  const chunks = []; recorder = new MediaRecorder(stream); recordedAt = Date.now();
  recorder.ondataavailable = e => chunks.push(e.data);
  recorder.onstop = () => {
    stream.getTracks().forEach(t => t.stop());
    const blob = new Blob(chunks, {type: (recorder.mimeType || 'audio/webm').split(';')[0]});
    recorder = null; $('record').textContent = '按住说话（录音）';
    sendVoice(blob, (Date.now() - recordedAt) / 1000);
  };
  recorder.start(); $('record').textContent = '说完了，发送';
}

$('group').onchange = pickGroup; $('sender').onchange = pickSender; $('send').onclick = send;
$('say').onkeydown = e => { if (e.key === 'Enter') send(); };
$('sample').onclick = () => sendVoice(sampleVoice(), 2);
$('record').onclick = toggleRecording;
$('voicefile').onchange = () => { const f = $('voicefile').files[0]; if (f) sendVoice(f, 0); $('voicefile').value = ''; };
document.querySelectorAll('.examples button').forEach(b => b.onclick = () => { $('say').value = b.dataset.text; $('say').focus(); });
setInterval(poll, 1000); load();
