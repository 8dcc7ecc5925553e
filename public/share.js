// Buttons that need a browser's help: copying the page's address, the device's own share
// sheet, and printing a poster. Each stays hidden where the browser cannot do it; the page
// works the same without them (the address can be selected, the links shared, the page
// printed from the browser's menu).
(function () {
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    var box = button.closest('.share-copy');
    var status = box && box.querySelector('.share-status');
    if (!field || !status || !navigator.clipboard || !window.isSecureContext) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = status.getAttribute('data-copied');
      }, function () {
        field.select();
        status.textContent = status.getAttribute('data-failed');
      });
    });
  });

  if (navigator.share) {
    document.querySelectorAll('[data-share-sheet]').forEach(function (button) {
      var data = {
        url: button.getAttribute('data-url'),
        title: button.getAttribute('data-title'),
        text: button.getAttribute('data-text')
      };
      if (navigator.canShare && !navigator.canShare(data)) return;
      button.closest('li').hidden = false;
      button.addEventListener('click', function () {
        // Closing the sheet without sharing rejects the promise: nothing to say then.
        navigator.share(data).catch(function () {});
      });
    });
  }

  document.querySelectorAll('[data-print]').forEach(function (button) {
    if (!window.print) return;
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
