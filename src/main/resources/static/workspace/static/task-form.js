// The task page: renders the task's Camunda Form with form-js (form-viewer.js, built from
// src/main/frontend) in the page's language, and completes the task. Refusals, form-js's own and the
// playbook's (checked on the server), are words on the fields they name, never a toast; what the
// playbook would find missing is said on its fields before anything is sent.
document.addEventListener('DOMContentLoaded', async () => {
  const holder = document.getElementById('task-form');
  if (!holder || typeof CspFormViewer === 'undefined') {
    return;
  }
  const texts = JSON.parse(holder.dataset.texts);
  CspFormViewer.configure({ locale: holder.dataset.locale, texts });
  const editable = holder.dataset.editable === 'true';
  const form = new CspFormViewer.Form({ container: holder, properties: { readOnly: !editable } });
  await form.importSchema(JSON.parse(holder.dataset.schema), JSON.parse(holder.dataset.values));
  holder.classList.add('rendered');

  const problem = document.getElementById('task-problem');
  const complete = document.getElementById('complete');
  const asItIs = document.getElementById('complete-as-it-is');
  if (!complete) {
    return;
  }
  complete.addEventListener('click', () => send(false));
  asItIs.addEventListener('click', () => send(true));

  function say(message, unplaced) {
    problem.textContent = '';
    if (!message) {
      problem.hidden = true;
      return;
    }
    const p = document.createElement('p');
    p.textContent = message;
    problem.appendChild(p);
    if (unplaced.length) {
      const list = document.createElement('ul');
      unplaced.forEach((f) => {
        const li = document.createElement('li');
        li.textContent = f.field + ': ' + f.message;
        list.appendChild(li);
      });
      problem.appendChild(list);
    }
    problem.hidden = false;
  }

  // "championEmail", "planKpis[2].target": the form field (and row) a refusal names, if the form shows it.
  function fieldOf(path) {
    const registry = form.get('formFieldRegistry');
    const all = registry.getAll();
    const row = /^([^[\].]+)\[(\d+)]\.([^[\].]+)$/.exec(path);
    if (row) {
      const list = all.find((f) => f.type === 'dynamiclist' && f.path === row[1]);
      const field = list && all.find((f) => f._parent === list.id && f.key === row[3]);
      return field ? { id: field.id, index: Number(row[2]) } : null;
    }
    const field = all.find((f) => f.key === path && !isInList(f, registry));
    return field ? { id: field.id } : null;
  }

  function isInList(field, registry) {
    for (let parent = registry.get(field._parent); parent; parent = registry.get(parent._parent)) {
      if (parent.type === 'dynamiclist') {
        return true;
      }
    }
    return false;
  }

  function showOnFields(fields) {
    const errors = {};
    const unplaced = [];
    fields.forEach((f) => {
      const at = fieldOf(f.field);
      if (!at) {
        unplaced.push(f);
      } else if (at.index === undefined) {
        (errors[at.id] = errors[at.id] || []).push(f.message);
      } else {
        const rows = (errors[at.id] = errors[at.id] || {});
        (rows[at.index] = rows[at.index] || []).push(f.message);
      }
    });
    form._setState({ errors });
    return unplaced;
  }

  function focusFirstError() {
    const first = holder.querySelector('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select');
    if (first) {
      first.focus();
    }
  }

  async function send(sendAsItIs) {
    const { data, errors } = form.submit();
    if (Object.keys(errors).length) {
      say(texts['summary.invalid'], []);
      focusFirstError();
      return;
    }
    complete.disabled = true;
    asItIs.disabled = true;
    let response;
    let body = {};
    try {
      response = await fetch(holder.dataset.complete, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-TOKEN': holder.dataset.csrf },
        body: JSON.stringify({ values: data, asItIs: sendAsItIs }),
      });
      body = await response.json().catch(() => ({}));
    } catch (e) {
      response = null;
    } finally {
      complete.disabled = false;
      asItIs.disabled = false;
    }
    if (response && response.ok) {
      window.location.assign(body.next);
      return;
    }
    const unplaced = showOnFields(body.fields || []);
    say(body.message || texts['summary.failed'], unplaced);
    asItIs.hidden = !(response && response.status === 409);
    focusFirstError();
  }
});
