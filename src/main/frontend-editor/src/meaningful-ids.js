// Ids a person can read: the check names a problem's element by its id, the studio's figures too. A
// step named "Call the sponsor" gets the id callTheSponsor (the ids the shipped playbooks have), as
// long as its id is one bpmn-js made up (Activity_0x8f2k) or one this made from its earlier name; an
// id a person typed, and every id of an opened playbook that is not made up, stays as it is.
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor.js';

const MADE_UP = /^[A-Za-z]+_[0-9a-z]{7}$/;
const MAX_LENGTH = 64;

/** lowerCamelCase of the name's letters and digits (any script); null when it has none. */
export function idOf(name) {
  const words = String(name || '').normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) {
    return null;
  }
  let id = words.map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() + word.slice(1)
    : word.charAt(0).toUpperCase() + word.slice(1))).join('');
  if (!/^\p{L}/u.test(id)) {
    id = 'step' + id.charAt(0).toUpperCase() + id.slice(1);
  }
  return id.slice(0, MAX_LENGTH);
}

/** Whether the id follows the name: made up, or made by idOf from the name it had (with a number to keep it unique). */
export function followsName(id, oldName) {
  if (MADE_UP.test(id)) {
    return true;
  }
  const old = idOf(oldName);
  return !!old && (id === old || new RegExp('^' + old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\d+$').test(id));
}

export default class MeaningfulIds extends CommandInterceptor {
  constructor(eventBus, modeling, elementRegistry) {
    super(eventBus);
    const rename = (element, oldName) => {
      const target = element.labelTarget || element;
      const bo = target.businessObject;
      if (!bo || target.waypoints || !bo.name || !followsName(bo.id, oldName)) {
        return;
      }
      const wanted = idOf(bo.name);
      if (!wanted || wanted === bo.id) {
        return;
      }
      let id = wanted;
      for (let n = 2; elementRegistry.get(id) || (bo.$model.ids && bo.$model.ids.assigned(id)); n++) {
        id = wanted + n;
        if (id === bo.id) {
          return;
        }
      }
      modeling.updateProperties(target, { id });
    };
    this.postExecute('element.updateLabel', (event) => rename(event.context.element, event.context.oldLabel));
    this.postExecute('element.updateProperties', (event) => {
      const { element, properties, oldProperties } = event.context;
      if (properties && 'name' in properties && !('id' in properties)) {
        rename(element, oldProperties && oldProperties.name);
      }
    });
    this.postExecute('shape.create', (event) => rename(event.context.shape, null));
  }
}

MeaningfulIds.$inject = ['eventBus', 'modeling', 'elementRegistry'];
