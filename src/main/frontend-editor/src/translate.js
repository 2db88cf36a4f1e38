// bpmn-js and its properties panel write their words through one service, translate(template,
// replacements). On a Korean page this one gives the words a CS manager meets in the studio's editor
// in Korean (the palette, the context pad, the panel's groups and fields for templates); any other
// text, and every text on an English page, stays as bpmn-js wrote it.
import { KOREAN } from './ko.js';

function translator(words) {
  return function translate(template, replacements) {
    const text = (words && Object.prototype.hasOwnProperty.call(words, template)) ? words[template] : template;
    return text.replace(/{([^}]+)}/g, (whole, key) => (replacements && key in replacements ? replacements[key] : whole));
  };
}

export function translateModule(language) {
  return { translate: ['value', translator(language === 'ko' ? KOREAN : null)] };
}

export { translator };
