// A timer's wait in words and back (timer-words.js shows it, template-steps.js sets the first one):
// "5 business days" is timeDate ${taskDeadlines.inBusinessDays(5)}, counted on the application's
// business calendar as a task's due date is; "3 days" is timeDuration P3D; "4 hours" is PT4H.

/** Business days count on the application's calendar (the same function as a task's due date). */
const BUSINESS_DAYS = /^\$\{taskDeadlines\.inBusinessDays\(([1-9][0-9]{0,2})\)\}$/;
const DAYS = /^P([1-9][0-9]{0,2})D$/;
const HOURS = /^PT([1-9][0-9]{0,3})H$/;
/** TaskDeadlines.MAX_BUSINESS_DAYS: about a year. */
export const MAX_AMOUNT = { 'business-days': 250, days: 365, hours: 2000 };
export const DEFAULT_WAIT = { unit: 'business-days', amount: 5 };

/** The timer's wait as {unit, amount}; {unit, amount: null} when not set yet; null when written otherwise. */
export function readWait(timer) {
  if (!timer) {
    return null;
  }
  const body = (definition) => (definition && typeof definition.body === 'string' ? definition.body.trim() : '');
  const date = body(timer.timeDate);
  const duration = body(timer.timeDuration);
  const cycle = body(timer.timeCycle);
  if (cycle) {
    return null;
  }
  if (date && !duration) {
    const match = BUSINESS_DAYS.exec(date);
    return match ? { unit: 'business-days', amount: Number(match[1]) } : null;
  }
  if (duration && !date) {
    let match = DAYS.exec(duration);
    if (match) {
      return { unit: 'days', amount: Number(match[1]) };
    }
    match = HOURS.exec(duration);
    return match ? { unit: 'hours', amount: Number(match[1]) } : null;
  }
  return date || duration ? null : { unit: 'business-days', amount: null };
}

/** The timer's properties for a wait: which of timeDate and timeDuration holds what. */
export function writeWait(unit, amount) {
  if (unit === 'business-days') {
    return { kind: 'timeDate', body: '${taskDeadlines.inBusinessDays(' + amount + ')}' };
  }
  return { kind: 'timeDuration', body: unit === 'hours' ? 'PT' + amount + 'H' : 'P' + amount + 'D' };
}

/** Whether the amount is a whole number the unit allows; the reason in words otherwise (to translate). */
export function amountProblem(unit, text) {
  const max = MAX_AMOUNT[unit] || MAX_AMOUNT['business-days'];
  if (!/^[1-9][0-9]*$/.test(String(text || '').trim()) || Number(text) > max) {
    return { text: 'Type a whole number from 1 to {max}.', max };
  }
  return null;
}
