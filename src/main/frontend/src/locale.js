// What the page tells the viewer before it renders a form: the person's language and, in it, the
// texts form-js 1.8 writes itself ("Add new", "Select", its validation messages). build.mjs puts
// calls to these functions in place of form-js's own words, so nothing of the page is English on a
// Korean page, and dates and numbers are read the way the page shows them.

const state = { locale: 'en', texts: {} };

/** @param {{locale: string, texts: Object<string, string>}} settings */
export function configure(settings) {
  state.locale = settings.locale || 'en';
  state.texts = settings.texts || {};
}

export function locale() {
  return state.locale;
}

/** The page's text for the key, with {0} replaced; form-js's own words when the page gave none. */
export function text(key, fallback, argument) {
  const found = state.texts[key];
  const chosen = found === undefined ? fallback : found;
  return argument === undefined ? chosen : chosen.split('{0}').join(String(argument));
}

/**
 * A validation message: the field's own (the translation bundle's, which the server put on the field
 * as cspMessages) or the page's for its kind, never a regular expression.
 */
export function message(kind, field, argument) {
  const own = field && field.cspMessages && field.cspMessages[kind];
  if (own) {
    return own;
  }
  return text('error.' + kind, FALLBACKS[kind] || FALLBACKS.pattern, argument);
}

const FALLBACKS = {
  required: 'Field is required.',
  pattern: 'Field is not in the expected form.',
  number: 'Value is not a number.',
  decimals: 'Value has too many decimal digits.',
  min: 'Field must have minimum value of {0}.',
  max: 'Field must have maximum value of {0}.',
  minLength: 'Field must have minimum length of {0}.',
  maxLength: 'Field must have maximum length of {0}.',
  email: 'Field must be a valid email.',
  phone: 'Field must be a valid international phone number.',
};

/**
 * A date typed by hand, as the date picker's parser: year first with any of "-", ".", "/" or spaces
 * between the parts ("2027-03-31", "2027. 3. 31.", how a Korean page shows a date), or month/day/year
 * ("03/31/2027", how an American page shows one, and form-js's own minimum date). Neither language of
 * the workspace writes day/month/year, so no input is read two ways. Anything else, or a day that does
 * not exist (2027-02-30), is no date: the picker leaves the field empty rather than guess another day.
 */
export function parseDate(input) {
  const textValue = String(input).trim();
  let match = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?$/.exec(textValue);
  let year, month, day;
  if (match) {
    [year, month, day] = [match[1], match[2], match[3]].map(Number);
  } else {
    match = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/.exec(textValue);
    if (!match) {
      return undefined;
    }
    [month, day, year] = [match[1], match[2], match[3]].map(Number);
  }
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return undefined;
  }
  return date;
}

/**
 * A number as typed on a page in English or Korean: "," groups thousands ("1,200" is twelve
 * hundred, not 1.2 as form-js would read it) and "." is the decimal point.
 */
export function normalizeNumber(input) {
  return String(input).replace(/[,\s]/g, '');
}
