// Progressive enhancements for the coach workspace; every page works without them.
(function () {
  'use strict';
  // Filters apply as soon as a choice changes (the Apply button stays for keyboards and no-JS).
  document.querySelectorAll('form.js-autosubmit select').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.form) select.form.submit();
    });
  });
  // One tap, one action: a second tap while the first is on its way sends nothing more.
  document.querySelectorAll('form[method="post"]').forEach(function (form) {
    form.addEventListener('submit', function () {
      form.querySelectorAll('button[type="submit"]').forEach(function (button) {
        window.setTimeout(function () {
          button.disabled = true;
        }, 0);
      });
    });
  });
})();
