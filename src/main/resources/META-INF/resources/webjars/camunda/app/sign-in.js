/*
 * cs-playbooks: one login page for the workspace and Camunda's webapps. When Tasklist, Cockpit, Admin
 * or the welcome page finds its session gone (after its own "Log out", or when the session ran out)
 * it would show its own login form, which knows nothing of single sign-on; instead the browser goes
 * to the application's login page (passwords and single sign-on, with a link to the identity
 * provider's logout after a logout) and comes back to this webapp after it.
 *
 * Loaded by each webapp's scripts/config.js (customScripts: ['../sign-in']) before the app starts.
 */
function toTheLoginPage() {
  if (window.location.hash.indexOf('#/login') !== 0) {
    return;
  }
  window.location.replace('/login?logout&next=' + encodeURIComponent(window.location.pathname));
}

toTheLoginPage();
window.addEventListener('hashchange', toTheLoginPage);

export default [];
