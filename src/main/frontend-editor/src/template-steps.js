// The element templates as a palette of steps in words: the page lists them. A click on one appends
// a new element of the template's type after the one element selected (connected to it), or, with
// nothing to append to, puts it on the mouse to place (as a drag does); the template is applied to
// it as the template chooser applies one to an element already there. A template of an event names
// its message (metadata.message): the element gets that message, which a Camunda 7 template cannot
// set. A start template clicked with a start event selected turns that start into it.
//
// Two steps are no template: a wait ("Wait a while", a timer appended or placed) and a deadline on
// the selected task (a timer on its border; the task stays open). What they wait for is said in words
// in the panel (timer-words.js).
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { DEFAULT_WAIT, writeWait } from './waits.js';

const LOW_PRIORITY = 500;

/** The BPMN types a template may create here: the flow nodes a playbook is made of. */
const CREATABLE = [
  'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:BusinessRuleTask',
  'bpmn:Task', 'bpmn:CallActivity', 'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
];

/** The steps that are no template: their ids in the list of steps. */
export const WAIT = 'io.csplaybooks.editor.wait';
export const DEADLINE = 'io.csplaybooks.editor.deadline';

function TemplateSteps(eventBus, create, elementFactory, elementTemplates, selection, autoPlace, rules, modeling,
    bpmnFactory, bpmnjs, bpmnReplace, translate, moddle) {
  this._create = create;
  this._modeling = modeling;
  this._bpmnFactory = bpmnFactory;
  this._bpmnjs = bpmnjs;
  this._bpmnReplace = bpmnReplace;
  this._translate = translate;
  this._moddle = moddle;
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
      this._apply(context.shape, template);
    }
  });
}

TemplateSteps.$inject = ['eventBus', 'create', 'elementFactory', 'elementTemplates', 'selection', 'autoPlace', 'rules',
  'modeling', 'bpmnFactory', 'bpmnjs', 'bpmnReplace', 'translate', 'moddle'];

/** The type a template creates: its elementType, else the first creatable type it applies to. */
function typeOf(template) {
  if (template.elementType && template.elementType.value) {
    return template.elementType.value;
  }
  return (template.appliesTo || []).find((type) => CREATABLE.includes(type));
}

TemplateSteps.prototype.steps = function () {
  const translate = this._translate;
  const timers = [
    { id: WAIT, name: translate('Wait a while'), group: '', type: 'timer',
      description: translate('Waits, then goes on: say how long in the panel (business days, days or hours).') },
    { id: DEADLINE, name: translate('Deadline on the selected task'), group: '', type: 'timer',
      description: translate('Select a task first. When it is not done in time, the playbook also goes on from'
        + ' here (to remind someone or to escalate); the task stays open.') },
  ];
  return this._elementTemplates.getLatest()
    .filter((template) => !template.deprecated && CREATABLE.includes(typeOf(template)))
    .map((template) => ({
      id: template.id,
      name: template.name,
      description: template.description || '',
      group: template.category && template.category.name ? template.category.name : '',
      type: typeOf(template),
    })).concat(timers);
};

/** The template on the element, and the message its event waits for. */
TemplateSteps.prototype._apply = function (element, template) {
  const applied = this._elementTemplates.applyTemplate(element, template) || element;
  this._bindMessage(applied, template);
  return applied;
};

TemplateSteps.prototype._bindMessage = function (element, template) {
  const message = template.metadata && template.metadata.message;
  const definition = (getBusinessObject(element).eventDefinitions || [])
    .find((d) => is(d, 'bpmn:MessageEventDefinition'));
  if (!message || !definition) {
    return;
  }
  const definitions = this._bpmnjs.getDefinitions();
  let ref = definitions.rootElements.find((e) => is(e, 'bpmn:Message') && e.name === message);
  if (!ref) {
    let id = 'Message_' + message;
    for (let n = 2; this._moddle.ids.assigned(id); n++) {
      id = 'Message_' + message + n;
    }
    ref = this._bpmnFactory.create('bpmn:Message', { id, name: message });
    ref.$parent = definitions;
    this._modeling.updateModdleProperties(element, definitions, { rootElements: [...definitions.rootElements, ref] });
  }
  this._modeling.updateModdleProperties(element, definition, { messageRef: ref });
};

/** A timer's shape of the type, waiting the default time, named. */
TemplateSteps.prototype._timer = function (attrs, name) {
  const shape = this._elementFactory.createShape({ ...attrs, eventDefinitionType: 'bpmn:TimerEventDefinition' });
  const bo = getBusinessObject(shape);
  const timer = bo.eventDefinitions[0];
  const { kind, body } = writeWait(DEFAULT_WAIT.unit, DEFAULT_WAIT.amount);
  timer[kind] = this._bpmnFactory.create('bpmn:FormalExpression', { body });
  timer[kind].$parent = timer;
  bo.name = name;
  return shape;
};

TemplateSteps.prototype._startTimer = function (event, id, source) {
  if (id === DEADLINE) {
    const shape = this._timer({ type: 'bpmn:BoundaryEvent', cancelActivity: false }, this._translate('Not done in time'));
    if (event.type === 'click' && source && is(source, 'bpmn:Activity') && !source.waypoints) {
      // On the task's lower border, beside the deadlines it has.
      const beside = (source.attachers || []).length;
      const position = { x: source.x + 24 + 44 * beside, y: source.y + source.height };
      const created = this._modeling.createShape(shape, position, source, { attach: true });
      this._selection.select(created);
      return;
    }
    // Dropped on a task's border, it attaches to it.
    this._create.start(event, shape);
    return;
  }
  const shape = this._timer({ type: 'bpmn:IntermediateCatchEvent' }, this._translate('Waited'));
  if (event.type === 'click' && source && !source.waypoints && !source.labelTarget
      && this._rules.allowed('connection.create', { source, target: shape, hints: { targetParent: source.parent } })) {
    this._selection.select(this._autoPlace.append(source, shape));
    return;
  }
  this._create.start(event, shape);
};

TemplateSteps.prototype.start = function (event, templateId) {
  const selected = this._selection.get();
  const source = selected.length === 1 ? selected[0] : null;
  if (templateId === WAIT || templateId === DEADLINE) {
    this._startTimer(event, templateId, source);
    return;
  }
  const template = this._elementTemplates.getLatest(templateId)[0];
  if (!template) {
    return;
  }
  const type = typeOf(template);
  const attrs = { type };
  if (template.elementType && template.elementType.eventDefinition) {
    attrs.eventDefinitionType = template.elementType.eventDefinition;
  } else if (template.metadata && template.metadata.message) {
    attrs.eventDefinitionType = 'bpmn:MessageEventDefinition';
  }
  if (event.type === 'click' && source && type === 'bpmn:StartEvent' && is(source, 'bpmn:StartEvent')
      && !source.labelTarget) {
    // The start selected becomes this one: the playbook starts on the template's event.
    const replaced = this._bpmnReplace.replaceElement(source, attrs);
    this._selection.select(this._apply(replaced, template));
    return;
  }
  const shape = this._elementFactory.createShape(attrs);
  // Named as the template names it; a template whose name a person gives (a team's task) leaves it
  // empty, and its id stays made up until the name is typed (meaningful-ids.js).
  const nameProperty = (template.properties || [])
    .find((p) => p.binding && p.binding.type === 'property' && p.binding.name === 'name');
  if (!nameProperty || nameProperty.value) {
    getBusinessObject(shape).name = nameProperty ? nameProperty.value : template.name;
  }
  if (event.type === 'click' && source && !source.waypoints && !source.labelTarget
      && this._rules.allowed('connection.create', { source, target: shape, hints: { targetParent: source.parent } })) {
    const appended = this._autoPlace.append(source, shape);
    this._apply(appended, template);
    return;
  }
  this._create.start(event, shape, { playbookTemplate: template });
};

export default {
  __init__: ['templateSteps'],
  templateSteps: ['type', TemplateSteps],
};
