// Keeps the amount in step with the chosen reward, unless the backer typed a larger amount
// of their own. The form works the same without it: the server checks every minimum.
document.querySelectorAll('select[name="reward"]').forEach(function (select) {
  var amount = select.form && select.form.querySelector('input[name="amount"]');
  if (!amount) return;
  function minimumOf() {
    var option = select.options[select.selectedIndex];
    return option ? option.getAttribute('data-minimum') : '';
  }
  function number(text) {
    return parseFloat(String(text).replace(',', '.'));
  }
  var previous = minimumOf();
  select.addEventListener('change', function () {
    var next = minimumOf();
    var typed = number(amount.value);
    if (next && (amount.value === '' || amount.value === previous || isNaN(typed) || typed < number(next))) {
      amount.value = next;
    }
    previous = next;
  });
});

// A suggested amount is selected when the field is entered, so that typing replaces it
// ("25", not "5.0025"); an amount the backer typed is left as it is.
document.querySelectorAll('input[name="amount"]').forEach(function (amount) {
  var suggested = function () {
    var select = amount.form && amount.form.querySelector('select[name="reward"]');
    var option = select && select.options[select.selectedIndex];
    return amount.value === amount.defaultValue || (option && amount.value === option.getAttribute('data-minimum'));
  };
  amount.addEventListener('focus', function () {
    if (suggested()) amount.select();
  });
  // A click after the focus would place the caret and undo the selection.
  amount.addEventListener('mouseup', function (event) {
    if (suggested() && amount.selectionStart !== amount.selectionEnd) event.preventDefault();
  });
});

// Shows the session and choices of the chosen reward only. Without it, the form shows those
// of the reward it opened with, and asks for them again if another reward needs them.
document.querySelectorAll('select[name="reward"]').forEach(function (select) {
  var blocks = select.form ? select.form.querySelectorAll('[data-reward]') : [];
  if (!blocks.length) return;
  function show() {
    blocks.forEach(function (block) {
      block.hidden = block.getAttribute('data-reward') !== select.value;
    });
  }
  select.addEventListener('change', show);
  show();
});

// Adds the postage of the chosen zone to the amount, shows the address fields only for a
// reward sent by post, and moves the zone to the country of the address typed. Without it,
// the zones show their cost, the address fields stay folded, and the server checks both.
document.querySelectorAll('select[name="reward"]').forEach(function (select) {
  var form = select.form;
  var amount = form && form.querySelector('input[name="amount"]');
  var total = form && form.querySelector('#pledge-total');
  var address = form && form.querySelector('[data-shipped]');
  var country = form && form.querySelector('select[name="address.country"]');
  if (!amount) return;
  function checkedZone() {
    return form.querySelector('input[name="zone.' + select.value + '"]:checked');
  }
  function update() {
    if (address) {
      address.hidden = address.getAttribute('data-shipped').split(' ').indexOf(select.value) < 0;
    }
    if (!total) return;
    var zone = checkedZone();
    var typed = parseFloat(String(amount.value).replace(',', '.'));
    var cents = zone ? parseInt(zone.getAttribute('data-cents'), 10) : 0;
    if (!zone || !cents || isNaN(typed) || typed <= 0) {
      total.hidden = true;
      return;
    }
    var sum = (Math.round(typed * 100) + cents) / 100;
    total.textContent = total.getAttribute('data-template')
      .replace('%postage%', total.getAttribute('data-currency') + ' ' + (cents / 100).toFixed(2))
      .replace('%total%', total.getAttribute('data-currency') + ' ' + sum.toFixed(2));
    total.hidden = false;
  }
  if (country) {
    country.addEventListener('change', function () {
      var group = country.options[country.selectedIndex] && country.options[country.selectedIndex].parentNode;
      var zone = group && group.getAttribute('data-zone');
      var radio = zone && form.querySelector('input[name="zone.' + select.value + '"][value="' + zone + '"]');
      if (radio) radio.checked = true;
      update();
    });
  }
  form.addEventListener('change', update);
  amount.addEventListener('input', update);
  update();
});
