// The studio's editor page: opens the playbook the page names in the editor (editor/editor.js, the
// bpmn-js Modeler bundle), lists the application's steps (the element templates the studio serves)
// as buttons that place them, saves the playbook as a draft (POST, the form's token in a header) and
// hands the saved draft to "Check and deploy". The server decides every word; this script places
// them, and shows a refusal's reasons as the server wrote them.
(() => {
  const host = document.getElementById('editor');
  if (!host) {
    return;
  }
  const texts = document.getElementById('editor-texts').dataset;
  const status = document.getElementById('editor-status');
  const problem = document.getElementById('editor-problem');
  const saveButton = document.getElementById('save');
  const checkForm = document.getElementById('check-form');
  const checkButton = document.getElementById('check-draft');
  let dirty = false;
  let saving = null;

  function say(text) {
    status.textContent = text;
  }

  function refuse(text) {
    problem.textContent = text;
    problem.hidden = !text;
  }

  function failed() {
    document.getElementById('editor-failed').hidden = false;
    host.dataset.state = 'failed';
  }

  if (typeof PlaybookEditor === 'undefined') {
    failed();
    return;
  }

  const editor = PlaybookEditor.create({
    container: document.getElementById('canvas'),
    properties: document.getElementById('properties'),
    language: document.documentElement.lang === 'ko' ? 'ko' : 'en',
  });
  // The modeler, for what reads the page (the browser tests).
  host.modeler = editor.modeler;

  function listSteps() {
    const list = document.getElementById('step-list');
    list.replaceChildren();
    // Grouped by the template's category, else by what it makes (a team's task, a step of the
    // application, a wait for time, a start, a wait for an event), in that order; within a group, as
    // the studio serves them.
    const kinds = ['bpmn:UserTask', 'bpmn:ServiceTask', 'timer', 'bpmn:StartEvent', 'bpmn:IntermediateCatchEvent'];
    const kindGroups = [texts.groupUserTask, texts.groupServiceTask, texts.groupTimer, texts.groupStartEvent,
      texts.groupCatchEvent];
    const rank = (step) => (step.group ? -1 : (kinds.indexOf(step.type) + 1 || kinds.length + 1));
    const steps = editor.steps()
      .map((step, index) => ({ ...step, index, rank: rank(step) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map((step) => ({ ...step, group: step.group || kindGroups[kinds.indexOf(step.type)] || texts.groupOther }));
    document.getElementById('steps-none').hidden = steps.length > 0;
    let group = null;
    steps.forEach((step) => {
      if (step.group && step.group !== group) {
        group = step.group;
        const heading = document.createElement('li');
        heading.className = 'step-group';
        heading.textContent = group;
        list.appendChild(heading);
      }
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'step secondary';
      button.draggable = true;
      button.dataset.template = step.id;
      const name = document.createElement('span');
      name.className = 'step-name';
      name.textContent = step.name;
      button.appendChild(name);
      if (step.description) {
        button.title = step.description;
      }
      button.addEventListener('click', (event) => editor.startStep(event, step.id));
      button.addEventListener('dragstart', (event) => {
        event.preventDefault();
        editor.startStep(event, step.id);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  async function loadTemplates() {
    try {
      const response = await fetch(host.dataset.templates, { credentials: 'same-origin' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const templates = await response.json();
      editor.setTemplates(Array.isArray(templates) ? templates : []);
    } catch (e) {
      editor.setTemplates([]);
    }
    listSteps();
  }

  async function open() {
    try {
      const response = await fetch(host.dataset.source, { credentials: 'same-origin' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      await editor.importXML(await response.text());
    } catch (e) {
      failed();
      return false;
    }
    editor.modeler.get('canvas').zoom('fit-viewport', 'auto');
    return true;
  }

  function changed() {
    dirty = true;
    saveButton.disabled = false;
    checkButton.disabled = false;
    say(texts.changed);
  }

  /** Saves the playbook as the next version of the person's draft: the saved draft, or null. */
  async function save() {
    if (saving) {
      return saving;
    }
    saving = (async () => {
      saveButton.disabled = true;
      say(texts.saving);
      refuse('');
      try {
        const xml = await editor.saveXML();
        const response = await fetch(host.dataset.save, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/xml; charset=utf-8', 'X-CSRF-TOKEN': host.dataset.csrf },
          body: xml,
        });
        const body = await response.json().catch(() => null);
        if (!response.ok) {
          const reasons = body && Array.isArray(body.errors) ? body.errors.map((e) => e.reason).join(' ') : '';
          refuse(texts.refused + (reasons ? ' ' + reasons : ''));
          saveButton.disabled = false;
          say('');
          return null;
        }
        dirty = false;
        host.dataset.draft = body.id;
        host.dataset.version = body.version;
        checkForm.action = checkForm.dataset.action.replace('ID', encodeURIComponent(body.id));
        checkButton.disabled = false;
        say(body.saved);
        history.replaceState(null, '', body.open);
        return body;
      } catch (e) {
        refuse(texts.failedSave);
        saveButton.disabled = false;
        return null;
      } finally {
        saving = null;
      }
    })();
    return saving;
  }

  saveButton.addEventListener('click', () => save());
  // Check and deploy takes what is on the screen: unsaved changes are saved first, as a new version.
  checkForm.addEventListener('submit', async (event) => {
    if (!dirty && checkForm.getAttribute('action')) {
      return;
    }
    event.preventDefault();
    const saved = await save();
    if (saved) {
      checkForm.submit();
    }
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = texts.leave;
    }
  });

  (async () => {
    await loadTemplates();
    if (await open()) {
      editor.onChange(changed);
      host.dataset.state = 'ready';
    }
  })();
})();
