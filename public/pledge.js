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
