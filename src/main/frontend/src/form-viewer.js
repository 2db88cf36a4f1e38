// The workspace's form viewer: form-js's Form, and where the page sets its language (locale.js).
import { Form } from '@bpmn-io/form-js-viewer';
import { configure } from './locale.js';

window.CspFormViewer = { Form, configure };
