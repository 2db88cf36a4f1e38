// What a timer waits for, in words: "5 business days", "3 days", "4 hours". The properties panel's own
// Timer group asks for a type (date, duration, cycle) and an ISO 8601 value or an expression; on a
// timer this module can read (or one not set yet) a "Waits" group takes its place, and for a deadline
// on a task (a boundary timer) it also says whether the task stays open when the time is up. A timer
// an engineer wrote otherwise (a date from a variable, a cycle) keeps the panel's own group.
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { Group, SelectEntry, TextFieldEntry, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { DEFAULT_WAIT, MAX_AMOUNT, amountProblem, readWait, writeWait } from './waits.js';


function timerOf(element) {
  const bo = getBusinessObject(element);
  return (bo.eventDefinitions || []).find((definition) => is(definition, 'bpmn:TimerEventDefinition')) || null;
}

function setWait(element, timer, unit, amount, commandStack, bpmnFactory) {
  const { kind, body } = writeWait(unit, amount);
  const expression = bpmnFactory.create('bpmn:FormalExpression', { body });
  expression.$parent = timer;
  const properties = { timeDate: undefined, timeDuration: undefined, timeCycle: undefined };
  properties[kind] = expression;
  commandStack.execute('element.updateModdleProperties', { element, moddleElement: timer, properties });
}

function UnitEntry({ element, id }) {
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  const translate = useService('translate');
  const timer = timerOf(element);
  const wait = readWait(timer) || DEFAULT_WAIT;
  return jsx(SelectEntry, {
    element,
    id,
    label: translate('Waits'),
    getValue: () => wait.unit,
    setValue: (unit) => setWait(element, timer, unit, Math.min(wait.amount || DEFAULT_WAIT.amount, MAX_AMOUNT[unit]),
      commandStack, bpmnFactory),
    getOptions: () => [
      { value: 'business-days', label: translate('Business days (weekends do not count)') },
      { value: 'days', label: translate('Days') },
      { value: 'hours', label: translate('Hours') },
    ],
  });
}

function AmountEntry({ element, id }) {
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const timer = timerOf(element);
  const wait = readWait(timer) || DEFAULT_WAIT;
  return jsx(TextFieldEntry, {
    element,
    id,
    label: translate('How many'),
    description: translate('Counted from when the playbook gets here.'),
    debounce,
    getValue: () => (wait.amount == null ? '' : String(wait.amount)),
    setValue: (text) => {
      if (!amountProblem(wait.unit, text)) {
        setWait(element, timer, wait.unit, Number(String(text).trim()), commandStack, bpmnFactory);
      }
    },
    validate: (text) => {
      const problem = amountProblem(wait.unit, text);
      return problem ? translate(problem.text, { max: problem.max }) : null;
    },
  });
}

function TaskStaysEntry({ element, id }) {
  const modeling = useService('modeling');
  const translate = useService('translate');
  const bo = getBusinessObject(element);
  return jsx(SelectEntry, {
    element,
    id,
    label: translate('When the time is up, the task'),
    getValue: () => (bo.cancelActivity === false ? 'open' : 'cancelled'),
    setValue: (value) => modeling.updateProperties(element, { cancelActivity: value !== 'open' }),
    getOptions: () => [
      { value: 'open', label: translate('stays open, and the playbook also goes this way') },
      { value: 'cancelled', label: translate('is cancelled, and the playbook goes this way instead') },
    ],
  });
}

const LOW_PRIORITY = 200;

function TimerWordsProvider(propertiesPanel, translate) {
  propertiesPanel.registerProvider(LOW_PRIORITY, this);
  this._translate = translate;
}

TimerWordsProvider.$inject = ['propertiesPanel', 'translate'];

TimerWordsProvider.prototype.getGroups = function (element) {
  return (groups) => {
    const timer = is(element, 'bpmn:Event') ? timerOf(element) : null;
    if (!timer || !readWait(timer)) {
      return groups;
    }
    const entries = [
      { id: 'cspWaitUnit', component: UnitEntry, isEdited: isSelectEntryEdited },
      { id: 'cspWaitAmount', component: AmountEntry, isEdited: isTextFieldEntryEdited },
    ];
    if (is(element, 'bpmn:BoundaryEvent')) {
      entries.push({ id: 'cspWaitTask', component: TaskStaysEntry, isEdited: isSelectEntryEdited });
    }
    const wait = { id: 'cspWait', label: this._translate('Waits for'), component: Group, entries };
    const kept = groups.filter((group) => group.id !== 'timer');
    const general = kept.findIndex((group) => group.id === 'general');
    kept.splice(general + 1, 0, wait);
    return kept;
  };
};

export default {
  __init__: ['timerWords'],
  timerWords: ['type', TimerWordsProvider],
};
