// The studio's playbook editor: bpmn-js's Modeler with the Camunda 7 properties panel and Camunda
// Modeler's element templates (the app's steps in words), exposed to the page's own script
// (static/studio-editor.js) as window.PlaybookEditor. Timers are set in words (timer-words.js). It decides nothing about drafts or saving:
// it opens a BPMN, lets a person change it and gives the BPMN back.
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import CamundaPlatformBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import TemplateStepsModule from './template-steps.js';
import TimerWordsModule from './timer-words.js';
import MeaningfulIds from './meaningful-ids.js';
import { translateModule } from './translate.js';

/**
 * A modeler in container, its properties panel in properties, speaking language ('en' or 'ko').
 * Element templates are given later with setTemplates.
 */
function create({ container, properties, language }) {
  const modeler = new Modeler({
    container,
    keyboard: { bindTo: container },
    propertiesPanel: {
      parent: properties,
      // What a person came to set is open: the element's name, a step's template properties (team,
      // due date, form...).
      layout: { groups: { general: { open: true }, ElementTemplates__CustomProperties: { open: true }, cspWait: { open: true } } },
    },
    // Templates are the application's (served by the studio), never a person's own JSON.
    elementTemplates: [],
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaPlatformBehaviorsModule,
      ElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
      TemplateStepsModule,
      TimerWordsModule,
      { __init__: ['meaningfulIds'], meaningfulIds: ['type', MeaningfulIds] },
      translateModule(language),
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
  return {
    modeler,
    importXML: (xml) => modeler.importXML(xml),
    saveXML: async () => (await modeler.saveXML({ format: true })).xml,
    /** The templates (Camunda Modeler's JSON array); the errors of those the panel refused. */
    setTemplates(templates) {
      let errors = [];
      const off = (event) => { errors = event.errors || []; };
      modeler.on('elementTemplates.errors', off);
      modeler.get('elementTemplatesLoader').setTemplates(templates);
      modeler.off('elementTemplates.errors', off);
      return errors;
    },
    /** The templates a step can be created from, the newest version of each, in the order given. */
    steps: () => modeler.get('templateSteps').steps(),
    /** Starts placing a new element from the template (a click or drag on the step's button). */
    startStep: (event, templateId) => modeler.get('templateSteps').start(event, templateId),
    onChange(listener) {
      modeler.on('commandStack.changed', listener);
    },
  };
}

window.PlaybookEditor = { create };
