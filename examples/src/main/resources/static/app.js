// The demo page. No framework, no build step, no inline script (the page's CSP is script-src 'self').
// The access and refresh tokens are HttpOnly cookies: this script never sees them. It reads only the CSRF cookie
// (__Host-csrf) and sends it back in X-CSRF-Token on every write.
'use strict';

const $ = (id) => document.getElementById(id);
let expiresAt = 0;
let timer = null;

function log(text) {
  const li = document.createElement('li');
  li.textContent = new Date().toLocaleTimeString() + '  ' + text;
  $('log').prepend(li);
}

function status(text) {
  $('status').textContent = text || '';
}

function csrfToken() {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === '__Host-csrf') return rest.join('=');
  }
  return '';
}

async function call(method, path, body, retried) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  const res = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && !retried) {
    log(method + ' ' + path + ' -> 401: access token expired or missing; refreshing the session');
    if (await refresh()) return call(method, path, body, true);
    showLogin('Session ended. Please log in again.');
  }
  return res;
}

async function problem(res) {
  try {
    const p = await res.json();
    return p.detail || p.title || ('HTTP ' + res.status);
  } catch (e) {
    return 'HTTP ' + res.status;
  }
}

function startCountdown(expiresIn) {
  expiresAt = Date.now() + expiresIn * 1000;
  if (timer) clearInterval(timer);
  const tick = () => {
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    const el = $('countdown');
    el.textContent = left > 0 ? Math.floor(left / 60) + 'm ' + String(left % 60).padStart(2, '0') + 's' : 'expired';
    el.classList.toggle('low', left < 30);
  };
  tick();
  timer = setInterval(tick, 1000);
}

async function refresh(quiet) {
  const res = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
  if (!res.ok) {
    if (!quiet) log('refresh -> ' + res.status + ': refresh token refused');
    return false;
  }
  const data = await res.json();
  startCountdown(data.expires_in);
  log('refresh -> 200: new access token (and rotated refresh token), valid ' + data.expires_in + ' s');
  return true;
}

function showLogin(message) {
  if (timer) clearInterval(timer);
  $('app-panel').hidden = true;
  $('login-panel').hidden = false;
  $('todo-list').replaceChildren();
  status(message);
}

function showApp(username) {
  $('login-panel').hidden = true;
  $('app-panel').hidden = false;
  $('who').textContent = username || sessionName();
  status('');
}

function sessionName() {
  return $('username').value || 'you';
}

async function login(event) {
  event.preventDefault();
  status('');
  const username = $('username').value;
  const res = await fetch('/api/auth/login', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Auth-Mode': 'cookie' },
    body: JSON.stringify({ username, password: $('password').value }),
  });
  $('password').value = '';
  if (res.status === 429) {
    const wait = res.headers.get('Retry-After');
    log('login -> 429: throttled, retry after ' + wait + ' s');
    status('Too many attempts. Try again in ' + wait + ' seconds.');
    return;
  }
  if (!res.ok) {
    log('login -> ' + res.status);
    status('Wrong username or password.');
    return;
  }
  const data = await res.json();
  log('login -> 200: cookies set (token_type ' + data.token_type + ', expires_in ' + data.expires_in + ' s)');
  startCountdown(data.expires_in);
  showApp(username);
  await loadTodos();
}

async function register() {
  status('');
  const res = await fetch('/api/auth/register', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: $('username').value, password: $('password').value }),
  });
  if (res.status === 201) {
    log('register -> 201: account created; now log in');
    status('Account created. Press "Log in".');
  } else {
    const why = await problem(res);
    log('register -> ' + res.status + ': ' + why);
    status(why);
  }
}

async function loadTodos() {
  const res = await call('GET', '/api/todos');
  if (!res.ok) return;
  render(await res.json());
}

function render(todos) {
  const list = $('todo-list');
  list.replaceChildren();
  for (const t of todos) {
    const li = document.createElement('li');
    li.dataset.id = t.id;
    li.classList.toggle('done', t.done);
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = t.done;
    box.addEventListener('change', () => save(t.id, t.title, box.checked));
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = t.title; // textContent: a todo title can never become markup
    const edit = document.createElement('button');
    edit.textContent = 'Edit';
    edit.addEventListener('click', () => {
      const next = window.prompt('New title', t.title);
      if (next !== null && next.trim() !== '') save(t.id, next, t.done);
    });
    const del = document.createElement('button');
    del.textContent = 'Delete';
    del.className = 'delete';
    del.addEventListener('click', () => remove(t.id));
    li.append(box, title, edit, del);
    list.append(li);
  }
}

async function add(event) {
  event.preventDefault();
  const title = $('todo-title').value;
  const res = await call('POST', '/api/todos', { title });
  if (res.status === 201) {
    $('todo-title').value = '';
    log('POST /api/todos -> 201');
    await loadTodos();
  } else if (res.status !== 401) {
    status(await problem(res));
    log('POST /api/todos -> ' + res.status);
  }
}

async function save(id, title, done) {
  const res = await call('PUT', '/api/todos/' + id, { title, done });
  log('PUT /api/todos/' + id + ' -> ' + res.status);
  if (!res.ok && res.status !== 401) status(await problem(res));
  await loadTodos();
}

async function remove(id) {
  const res = await call('DELETE', '/api/todos/' + id);
  log('DELETE /api/todos/' + id + ' -> ' + res.status);
  await loadTodos();
}

async function logout(everywhere) {
  const path = everywhere ? '/api/auth/logout-all' : '/api/auth/logout';
  const res = await call('POST', path);
  log('POST ' + path + ' -> ' + res.status + ': cookies cleared');
  showLogin(everywhere ? 'Logged out on every device.' : 'Logged out.');
}

async function resume() {
  // A reload keeps the session: the cookies are still there (or the refresh cookie can renew them).
  const res = await fetch('/api/todos', { credentials: 'same-origin' });
  if (res.ok) {
    showApp('you');
    $('countdown').textContent = 'unknown (refresh to see)';
    render(await res.json());
    log('resumed an existing session');
  } else if (res.status === 401 && await refresh(true)) {
    showApp('you');
    await loadTodos();
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', login);
  $('register-btn').addEventListener('click', register);
  $('add-form').addEventListener('submit', add);
  $('refresh-btn').addEventListener('click', () => refresh(false));
  $('logout-btn').addEventListener('click', () => logout(false));
  $('logout-all-btn').addEventListener('click', () => logout(true));
  resume();
});
