// The trigger form: each condition shows only the numbers and words its kind reads (the option's
// data-reads), so a CS manager fills in what counts. Without this script every field shows, and the
// server still reads only the kind's own.
(function () {
  document.querySelectorAll('fieldset[data-condition]').forEach(function (fieldset) {
    var kind = fieldset.querySelector('select[data-kind]');
    function show() {
      var option = kind.options[kind.selectedIndex];
      var reads = option && option.dataset.reads ? option.dataset.reads.split(' ') : [];
      fieldset.querySelectorAll('[data-param]').forEach(function (field) {
        field.hidden = reads.indexOf(field.dataset.param) < 0;
      });
    }
    kind.addEventListener('change', show);
    show();
  });
})();
