// The element templates as a palette of steps in words: the page lists them. A click on one appends
// a new element of the template's type after the one element selected (connected to it), or, with
// nothing to append to, puts it on the mouse to place (as a drag does); the template is applied to
// it as the template chooser applies one to an element already there.
import { getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';

const LOW_PRIORITY = 500;

/** The BPMN types a template may create here: the flow nodes a playbook is made of. */
const CREATABLE = [
  'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:BusinessRuleTask',
  'bpmn:Task', 'bpmn:CallActivity', 'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
];

function TemplateSteps(eventBus, create, elementFactory, elementTemplates, selection, autoPlace, rules) {
  this._create = create;
  this._elementFactory = elementFactory;
  this._elementTemplates = elementTemplates;
  this._selection = selection;
  this._autoPlace = autoPlace;
  this._rules = rules;

  // After the element is created (the default listener, priority 1000), the template goes on it.
  eventBus.on('create.end', LOW_PRIORITY, (event) => {
    const { context } = event;
    const template = context && context.playbookTemplate;
    if (template && context.shape) {
      elementTemplates.applyTemplate(context.shape, template);
    }
  });
}

TemplateSteps.$inject = ['eventBus', 'create', 'elementFactory', 'elementTemplates', 'selection', 'autoPlace', 'rules'];

/** The type a template creates: its elementType, else the first creatable type it applies to. */
function typeOf(template) {
  if (template.elementType && template.elementType.value) {
    return template.elementType.value;
  }
  return (template.appliesTo || []).find((type) => CREATABLE.includes(type));
}

TemplateSteps.prototype.steps = function () {
  return this._elementTemplates.getLatest()
    .filter((template) => !template.deprecated && CREATABLE.includes(typeOf(template)))
    .map((template) => ({
      id: template.id,
      name: template.name,
      description: template.description || '',
      group: template.category && template.category.name ? template.category.name : '',
      type: typeOf(template),
    }));
};

TemplateSteps.prototype.start = function (event, templateId) {
  const template = this._elementTemplates.getLatest(templateId)[0];
  if (!template) {
    return;
  }
  const type = typeOf(template);
  const attrs = { type };
  if (template.elementType && template.elementType.eventDefinition) {
    attrs.eventDefinitionType = template.elementType.eventDefinition;
  }
  const shape = this._elementFactory.createShape(attrs);
  getBusinessObject(shape).name = template.name;
  const selected = this._selection.get();
  const source = selected.length === 1 ? selected[0] : null;
  if (event.type === 'click' && source && !source.waypoints && !source.labelTarget
      && this._rules.allowed('connection.create', { source, target: shape, hints: { targetParent: source.parent } })) {
    const appended = this._autoPlace.append(source, shape);
    this._elementTemplates.applyTemplate(appended, template);
    return;
  }
  this._create.start(event, shape, { playbookTemplate: template });
};

export default {
  __init__: ['templateSteps'],
  templateSteps: ['type', TemplateSteps],
};
