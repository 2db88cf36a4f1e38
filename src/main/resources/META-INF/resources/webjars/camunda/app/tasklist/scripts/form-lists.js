/*
 * cs-playbooks: lets Tasklist complete a Camunda Form with dynamic lists (the success plan's KPIs and
 * milestones, the corrective actions, the QBR's KPI values and feedback, the brief's promised items).
 *
 * Tasklist 7.24 enables "Complete" only while form-js reports no errors, and counts them with
 * Object.keys(errors). form-js 1.8 records a row's field without errors as an empty slot under the
 * field's id (errors.Field_kpi_name = []), so once a row is on the page Tasklist counts an error
 * that does not exist, and "Complete" stays disabled. This script removes error entries that hold
 * no message before Tasklist sees them. Real errors stay: form-js still shows them on their fields,
 * and Tasklist still refuses to complete while any is left (it validates the whole form again).
 *
 * Loaded by config.js (customScripts) before Tasklist starts; it reaches form-js's Form class through
 * the webpack runtime the webapp shares. Checked by WorkspaceBrowserTest, which completes the success
 * plan in Chromium: after a Camunda upgrade, check FORM_MODULE (the id of form-js's module in
 * camunda-tasklist-bootstrap.js: the one whose export Form the camTasklistFormCamunda directive uses).
 */
const FORM_MODULE = 57661;

function holdsAMessage(entry) {
  if (typeof entry === 'string') {
    return true;
  }
  if (entry && typeof entry === 'object') {
    return Object.values(entry).some(holdsAMessage);
  }
  return false;
}

function withoutEmptyErrors(errors) {
  if (!errors || typeof errors !== 'object') {
    return errors;
  }
  const kept = {};
  Object.keys(errors).forEach((id) => {
    if (holdsAMessage(errors[id])) {
      kept[id] = errors[id];
    }
  });
  return kept;
}

function patch(Form) {
  if (!Form || !Form.prototype || typeof Form.prototype._setState !== 'function' || Form.prototype._csPlaybooksLists) {
    return false;
  }
  const setState = Form.prototype._setState;
  Form.prototype._setState = function (state) {
    return setState.call(this, state && state.errors ? { ...state, errors: withoutEmptyErrors(state.errors) } : state);
  };
  Form.prototype._csPlaybooksLists = true;
  return true;
}

const chunks = (self.webpackChunkcamunda_bpm_webapp = self.webpackChunkcamunda_bpm_webapp || []);
chunks.push([[`cs-playbooks-form-lists-${Date.now()}`], {}, (require) => {
  let patched = false;
  try {
    patched = patch(require(FORM_MODULE).Form);
  } catch (e) {
    patched = false;
  }
  if (!patched) {
    console.warn('cs-playbooks: form-js Form not found as module ' + FORM_MODULE
      + '; forms with dynamic lists may keep "Complete" disabled (see scripts/form-lists.js)');
  }
}]);

export default [];
