// The sign-up page: validates, stores the demo user, identifies them to Cairn
// and goes on to the app (a full page load: the multi-page part of the demo).
const form = document.getElementById('signup-form');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const name = form.elements.name.value.trim();
  const email = form.elements.email.value.trim();
  const error = document.getElementById('signup-error');
  if (!name || !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(email)) {
    error.textContent = 'Please enter your name and a valid work email.';
    return;
  }
  const user = { id: 'u-' + email.toLowerCase(), name, plan: 'trial', company: form.elements.company.value.trim() };
  localStorage.setItem('acme_user', JSON.stringify(user));
  window.Cairn.identify(user.id, { name: user.name, plan: user.plan });
  window.Cairn.track('Signed Up', { plan: user.plan });
  location.assign('/');
});
